//! Deterministic synthetic corpus generator for hoshin.
//!
//! Usage: `gen_corpus N DIR [--seed S]`
//!
//! Writes a complete hoshin site with N directives into DIR (which must not
//! exist or must be empty): `DIR/hoshin.yaml`, `DIR/content/_index.md`,
//! `DIR/content/topics.yaml`, `DIR/content/plans.yaml`, and
//! `DIR/content/<c>/{_index.md,<c>-<m>.md}` for ceil(N/50) chapters of up to
//! 50 directives each.
//!
//! The same N and seed always produce byte-identical output: all randomness
//! comes from SplitMix64 streams derived from the seed, and nothing iterates
//! over a hash map. Only the standard library is used, so the file can be run
//! either as `cargo run --release --example gen_corpus -- N DIR` or compiled
//! standalone with `rustc --edition 2024 -O examples/gen_corpus.rs`.

use std::env;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const DEFAULT_SEED: u64 = 20260401;
const PER_CHAPTER: usize = 50;
const BODY_MIN: usize = 1500;
const BODY_MAX: usize = 3000;

// ---------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------

/// SplitMix64: tiny, fast and good enough for synthetic text.
struct Rng(u64);

impl Rng {
    /// An independent stream for (`seed`, `stream`, `index`).
    fn derive(seed: u64, stream: u64, index: u64) -> Self {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        let a = r.next_u64();
        Rng(a ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64) / ((1u64 << 53) as f64) < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// `k` distinct indices from `0..n`, in the order drawn.
    fn distinct(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::with_capacity(k);
        while out.len() < k.min(n) {
            let i = self.below(n);
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

/// (name, description, keywords used to make prose match the theme).
const TOPICS: [(&str, &str, &[&str]); 15] = [
    (
        "デジタル化・DX",
        "行政手続のオンライン化、生成AI・デジタルツール・データの利活用",
        &[
            "行政手続のオンライン化",
            "生成AIの活用",
            "データの利活用",
            "デジタルツールの導入",
            "キャッシュレス決済の拡大",
            "窓口DX",
        ],
    ),
    (
        "業務改革(BPR)",
        "業務フローや事務事業の見直しによる業務の効率化・最適化",
        &[
            "業務フローの見直し",
            "BPRの推進",
            "事務事業の見直し",
            "RPAによる定型業務の自動化",
            "業務の標準化",
            "ペーパーレス化",
        ],
    ),
    (
        "個人情報保護",
        "個人情報の適正な管理と情報セキュリティの確保",
        &[
            "個人情報の適正な管理",
            "情報セキュリティ対策",
            "委託先における個人情報の取扱い",
            "個人情報の漏えい防止",
            "情報資産の管理",
        ],
    ),
    (
        "人材育成",
        "自律的に行動できる職員の育成と能力開発の支援",
        &[
            "職員の人材育成",
            "研修機会の充実",
            "OJTの強化",
            "自律的に行動できる職員の育成",
            "専門知識の継承",
        ],
    ),
    (
        "働き方改革",
        "誰もが働きやすく能力を発揮できる働き方の実現",
        &[
            "ワーク・ライフ・バランスの実現",
            "時間外勤務の縮減",
            "テレワークの活用",
            "柔軟な働き方の推進",
            "休暇取得の促進",
        ],
    ),
    (
        "危機管理",
        "災害・緊急時に備えた体制整備と迅速な対応",
        &[
            "危機管理体制の強化",
            "災害時の業務継続",
            "防災訓練の実施",
            "緊急時の情報伝達",
            "感染症対策",
        ],
    ),
    (
        "地域連携",
        "地域の多様な主体との連携による地域課題の解決",
        &[
            "地域の多様な主体との連携",
            "市民協働の推進",
            "地域課題の解決",
            "自治会・町内会への支援",
            "大学や民間事業者との連携",
        ],
    ),
    (
        "公共施設",
        "公共施設の適正な管理と地域の拠点としての活用",
        &[
            "公共施設の適正管理",
            "複合公共施設の整備",
            "施設の長寿命化",
            "指定管理者制度の適切な運用",
            "旧庁舎用地の利活用",
        ],
    ),
    (
        "財政",
        "持続可能な財政運営と限りある行政資源の有効活用",
        &[
            "持続可能な財政運営",
            "歳入の確保",
            "事業費の精査",
            "財源の効率的な配分",
            "補助金の見直し",
        ],
    ),
    (
        "市民サービス",
        "市民目線に立った行政サービスの向上と最適化",
        &[
            "市民サービスの向上",
            "窓口サービスの改善",
            "市民目線に立った事業構築",
            "手続の簡素化",
            "相談体制の充実",
        ],
    ),
    (
        "適正な事務執行",
        "根拠法令の遵守と重層的なチェック体制による適正な事務執行",
        &[
            "適正な事務執行",
            "重層的なチェック体制の構築",
            "根拠法令の遵守",
            "事務執行上のミスの防止",
            "契約事務の適正化",
        ],
    ),
    (
        "組織運営",
        "効果的・効率的な組織運営、部内・庁内の連携と協力体制",
        &[
            "効果的・効率的な組織運営",
            "部内の連携・協力体制",
            "適正な進行管理",
            "組織としての意思決定",
            "庁内横断的な協力体制",
        ],
    ),
    (
        "職場環境",
        "風通しのよい職場づくりと安全で快適な執務環境の保持",
        &[
            "風通しのよい職場づくり",
            "ハラスメントの防止",
            "安全で快適な執務環境",
            "メンタルヘルス対策",
            "整理整頓の徹底",
        ],
    ),
    (
        "情報発信",
        "市民に届く分かりやすい情報発信と広聴の充実",
        &[
            "プッシュ型情報発信",
            "LINE公式アカウントの活用",
            "分かりやすい情報発信",
            "市ホームページの充実",
            "SNSによる情報発信",
        ],
    ),
    (
        "環境・脱炭素",
        "脱炭素社会の実現に向けた率先行動と環境負荷の低減",
        &[
            "脱炭素社会の実現",
            "省エネルギー対策",
            "ごみの減量と資源化",
            "再生可能エネルギーの導入",
            "庁舎における環境負荷の低減",
        ],
    ),
];

/// (name, description). Names are unique and none is a substring of another.
const PLANS: [(&str, &str); 40] = [
    (
        "令和8年度施政方針",
        "市長が令和8年度の市政運営に当たって示した施政方針",
    ),
    (
        "令和8年度市政運営の基本方針",
        "市長が示した令和8年度の市政運営に関する基本的な方針",
    ),
    (
        "第2次若葉市総合ビジョン",
        "まちづくりの基本理念と将来像を示す市の最上位計画",
    ),
    (
        "若葉市ビジョン前期実行計画",
        "総合ビジョンに掲げる施策を具体化する前期の実行計画",
    ),
    (
        "第2次若葉市行政デジタル化推進計画",
        "行政手続のオンライン化とデジタル技術の活用を進める計画",
    ),
    (
        "第Ⅱ期若葉市業務改革プロジェクト",
        "業務フローの見直しによる業務の効率化に向けた全庁的な取組",
    ),
    (
        "若葉市人材育成基本方針(第3期)",
        "求められる職員像と人材育成の基本的な考え方を示す方針",
    ),
    (
        "若葉市人材育成実施計画",
        "人材育成基本方針に基づく研修等の具体的な取組を定める計画",
    ),
    (
        "第3次若葉市環境基本計画",
        "環境の保全と創造に関する施策の総合的な方向性を示す計画",
    ),
    (
        "若葉市地域福祉計画(第4期)",
        "地域共生社会の実現に向けた地域福祉の推進に関する計画",
    ),
    (
        "若葉市地球温暖化対策実行計画(事務事業編)",
        "市の事務事業に伴う温室効果ガス排出量の削減に関する計画",
    ),
    (
        "若葉市公共施設等総合管理計画",
        "公共施設等の総合的かつ計画的な管理の基本方針",
    ),
    (
        "若葉市個別施設計画(学校施設編)",
        "学校施設の長寿命化と計画的な改修に関する計画",
    ),
    (
        "若葉市地域防災計画(令和7年修正)",
        "災害予防、応急対策及び復旧・復興に関する計画",
    ),
    (
        "若葉市業務継続計画(震災編)",
        "大規模地震発生時の非常時優先業務と執行体制を定める計画",
    ),
    (
        "若葉市財政健全化方針",
        "持続可能な財政運営に向けた歳入・歳出の見直しの方針",
    ),
    (
        "若葉市中期財政計画(令和8〜12年度)",
        "中期的な財政見通しと財政運営の目標を示す計画",
    ),
    (
        "若葉市情報セキュリティポリシー",
        "情報資産を脅威から守るための基本方針と対策基準",
    ),
    (
        "若葉市個人情報保護事務取扱要領",
        "個人情報の適正な取扱いに関する事務の手順を定める要領",
    ),
    (
        "若葉市特定事業主行動計画(第5期)",
        "職員の仕事と生活の両立を支援するための行動計画",
    ),
    (
        "若葉市職員の働き方改革推進プラン",
        "時間外勤務の縮減と柔軟な働き方の実現に向けた取組",
    ),
    (
        "若葉市男女共同参画推進計画(第6次)",
        "男女が互いに尊重し合う社会の実現に向けた計画",
    ),
    (
        "若葉市子ども・子育て支援事業計画(第3期)",
        "教育・保育及び子育て支援事業の提供体制に関する計画",
    ),
    (
        "若葉市高齢者保健福祉計画・第9期介護保険事業計画",
        "高齢者施策と介護保険事業の運営に関する一体的な計画",
    ),
    (
        "若葉市障害者計画(第5次)",
        "障害のある人の自立と社会参加を支援する施策の計画",
    ),
    (
        "若葉市健康増進計画(第3次)",
        "市民の生涯を通じた健康づくりを推進する計画",
    ),
    (
        "若葉市都市計画マスタープラン",
        "都市づくりの目標と土地利用の基本的な方針",
    ),
    (
        "若葉市立地適正化計画",
        "居住機能と都市機能の適正な立地を誘導する計画",
    ),
    (
        "若葉市地域公共交通計画",
        "地域にとって望ましい公共交通の姿を示すマスタープラン",
    ),
    (
        "若葉市緑の基本計画2030",
        "緑地の保全と緑化の推進に関する総合的な計画",
    ),
    (
        "若葉市一般廃棄物処理基本計画",
        "ごみの減量・資源化と適正処理に関する長期的な計画",
    ),
    (
        "若葉市教育振興基本計画(第4期)",
        "教育の振興に関する施策の基本的な方針を定める計画",
    ),
    (
        "若葉市生涯学習推進計画",
        "市民の主体的な学びを支える生涯学習環境の整備に関する計画",
    ),
    (
        "若葉市文化振興計画",
        "文化芸術の振興と地域文化の継承に関する計画",
    ),
    (
        "若葉市産業振興ビジョン",
        "地域経済の活性化と産業の振興に向けた方向性を示すビジョン",
    ),
    (
        "若葉市観光まちづくり計画",
        "地域資源を生かした観光振興とまちのにぎわい創出に関する計画",
    ),
    (
        "若葉市シティプロモーション戦略",
        "市の魅力の発信と認知度の向上に向けた戦略",
    ),
    (
        "若葉市広報・広聴基本方針",
        "市政情報の発信と市民の声の把握に関する基本方針",
    ),
    (
        "若葉市協働推進基本方針",
        "市民・団体・事業者と行政の協働に関する基本的な考え方",
    ),
    (
        "若葉市空家等対策計画(第2期)",
        "空家等の適切な管理と利活用の促進に関する計画",
    ),
];

const PLAN_ISSUED: [&str; 6] = [
    "2021-03-31",
    "2022-03-25",
    "2023-03-31",
    "2024-03-29",
    "2025-03-31",
    "2025-12-26",
];

/// Goals for chapter titles (combined with CHAPTER_ENDINGS).
const CHAPTER_GOALS: &[&str] = &[
    "適正な事務執行の確保",
    "市民サービスの向上",
    "職員の人材育成",
    "行政のデジタル化",
    "持続可能な財政運営の実現",
    "危機管理体制の強化",
    "働きやすい職場環境の実現",
    "効果的・効率的な組織運営",
    "地域との連携強化",
    "公共施設の適正な管理",
    "個人情報の適正な管理",
    "分かりやすい情報発信",
    "脱炭素社会の実現",
    "業務改革の実現",
    "市民協働の拡充",
    "ワーク・ライフ・バランスの実現",
    "多様化する市民ニーズへの対応",
    "行政手続のオンライン化",
    "事務事業の最適化",
    "窓口サービスの改善",
    "災害時の業務継続",
    "新しい働き方の定着",
    "地域課題の解決",
    "行政資源の有効活用",
];

const CHAPTER_ENDINGS: &[&str] = &[
    "に向けた対応",
    "に向けた取組",
    "に向けた体制整備",
    "を目指した取組",
    "に関する対応",
];

const CHAPTER_FIXED: &[&str] = &[
    "施政方針を踏まえた対応",
    "総合ビジョン等を踏まえた対応",
    "市政運営の基本方針を踏まえた対応",
    "令和８年度の重点的な取組",
    "部の運営に関する基本的な事項",
    "各課に共通する事項",
    "部内の連携・協力に関する事項",
    "前年度の課題を踏まえた対応",
];

/// Directive caption templates; `{K}`/`{L}` are theme keywords.
const TITLE_TEMPLATES: &[&str] = &[
    "{K}に向けた体制整備",
    "{K}の着実な推進",
    "{K}に向けた取組の強化",
    "{K}を通じた市民サービスの向上",
    "{K}と{L}の一体的な推進",
    "{K}に関する点検と見直し",
    "{K}の徹底",
    "{K}の更なる推進",
    "令和８年度における{K}",
    "{K}に係る進行管理の徹底",
    "{K}を踏まえた事業の見直し",
    "{K}に向けた庁内連携",
    "{K}及び{L}",
    "{K}に向けた職員の意識改革",
    "{K}のための環境整備",
];

/// Opening clauses (end in 、).
const OPENERS: &[&str] = &[
    "各所属長は、",
    "管理職は、",
    "各課においては、",
    "職員一人一人が当事者意識を持ち、",
    "市民ニーズが多様化・複雑化する中、",
    "限りある行政資源を有効に活用するため、",
    "社会情勢の変化を的確に捉え、",
    "令和８年度においては、",
    "事業の構築に当たっては、",
    "前年度の取組結果を検証した上で、",
    "関係各課と連携し、",
    "常に市民目線に立ち、",
    "スピード感を持って、",
    "国や県の動向を注視しつつ、",
    "中長期的な視点に立ち、",
    "これまでの成果と課題を踏まえ、",
    "根拠法令等を確認、理解した上で、",
    "部内の連携を密にし、",
    "費用対効果を十分に検証し、",
    "PDCAサイクルを意識し、",
    "市民や事業者の声に耳を傾け、",
    "DXの視点を持ち、",
    "委託事業者や指定管理者とも連携し、",
    "平常時より情報収集に努め、",
    "{K}については、",
    "{K}に当たっては、",
    "{K}を進めるに当たり、",
    "本市の財政状況について理解を深め、",
    "組織として判断、決定していることを常に意識し、",
    "新庁舎における新しい働き方を踏まえ、",
];

/// Middle clauses (end in 、).
const MIDDLES: &[&str] = &[
    "業務フローの可視化を進め、",
    "課題の早期把握に努めるとともに、",
    "必要に応じて事業の統合・縮小・廃止も検討し、",
    "目標と成果指標(KPI)を明確にした上で、",
    "部内で情報共有を図りつつ、",
    "職員の意見を幅広く聴取し、",
    "関係部署と調整を図りながら、",
    "デジタル技術を積極的に活用し、",
    "先進自治体の事例も参考にしながら、",
    "３か月ごとに進捗状況を確認し、",
    "想定されるリスクを洗い出した上で、",
    "スケジュール感を持って、",
    "生成AIなどの新たな技術も取り入れ、",
    "{K}の観点も踏まえ、",
    "{K}と併せて、",
    "年２回以上の点検を行い、",
    "チーム内で役割分担を明確にし、",
    "市民への影響を十分に考慮し、",
    "現場の実態を的確に把握し、",
    "機を逸することなく、",
];

/// Closing clauses (end in こと。).
const ENDINGS: &[&str] = &[
    "{K}に向けた取組を着実に推進すること。",
    "{K}に積極的に取り組むこと。",
    "{K}を図るよう努めること。",
    "{K}について、部内で情報共有を徹底すること。",
    "{K}の実現に向けて、具体的な手順を整理すること。",
    "{K}に資する改善策を積極的に取り入れること。",
    "{K}の取組状況を定期的に検証し、必要な見直しを行うこと。",
    "{K}に関する課題を整理し、解決に向けた方策を検討すること。",
    "行政サービスの最適化につながる改善策を積極的に取り入れること。",
    "適正な手続と事業運営を行うこと。",
    "遅延なく業務を完遂できるよう、適正・的確な進行管理を行うこと。",
    "市民に寄り添い取り組むこと。",
    "効果的・効率的な事業執行に努めること。",
    "各施策・事業を着実に推進すること。",
    "職員に周知徹底を図ること。",
    "関係部署と情報共有、連携を図ること。",
    "業務の効率化を実現すること。",
    "市民の理解と協力が得られるよう丁寧な説明に努めること。",
    "その成果を部内で共有し、次年度以降の取組に生かすこと。",
    "限りある行政資源の有効活用を図ること。",
    "迅速かつ柔軟に対応すること。",
    "必要に応じて部長に報告し、指示を仰ぐこと。",
];

/// Complete sentences.
const STANDALONE: &[&str] = &[
    "また、課、部内での連携・協力体制に努め、必要に応じ他の部署と情報共有、連携を図ること。",
    "あわせて、市全体の信用失墜につながる事務執行上のミスを防ぐため、チーム内で重層的なチェック体制を構築し確実に取り組むこと。",
    "なお、取組の進捗状況については、四半期ごとに部長に報告すること。",
    "特に、個人情報の管理については、常に細心の注意を払い適切に運用すること。",
    "また、委託事業者、指定管理者に対しても、適宜指導・確認を行うこと。",
    "緊急時においては、迅速かつ柔軟に対応し、必要に応じて庁内横断的な協力体制を取ること。",
    "日常的に整理整頓を心掛け、安全で快適な執務環境を保持すること。",
    "職員の挑戦意欲を高める取組、能力向上に資する取組については課、部として支援すること。",
    "また、LINE公式アカウントを積極的に活用し、プッシュ型情報発信に取り組むこと。",
    "事業遂行においては、スピード感、スケジュール感を持って遅延なく業務を完遂すること。",
    "互いを敬い大切にできる職場風土、風通しのよい職場づくりに取り組むこと。",
    "あわせて、BPRの視点から既存業務の必要性を改めて検証すること。",
    "なお、AIを活用した業務の試行に当たっては、情報セキュリティの確保に十分留意すること。",
    "また、DXの推進に当たっては、デジタル機器の操作に不慣れな市民にも配慮すること。",
    "取組の成果は、令和９年３月末までに取りまとめ、部内で共有すること。",
    "また、時代やニーズの変化等により、当初の目的、事業効果を改めて検証すること。",
    "あわせて、{K}についても、関係各課と連携して取り組むこと。",
    "なお、{K}に関する情報は、必要に応じて市ホームページ等で分かりやすく公表すること。",
    "また、{K}の進捗については、年度途中であっても柔軟に見直すこと。",
    "管理職は、的確な業務実態の把握と適切な職員のマネジメントを行うこと。",
];

const SUB_INTROS: &[&str] = &[
    "特に、次の事項に留意すること。",
    "具体的には、次のとおり取り組むこと。",
    "各課は、次の事項を重点として取り組むこと。",
    "このため、次の取組を進めること。",
];

const HEADINGS: &[&str] = &[
    "取組の方向性",
    "具体的な取組",
    "留意事項",
    "推進体制",
    "令和８年度の重点事項",
    "評価と改善(PDCA)",
    "関係部署との連携",
    "スケジュール",
];

const LIST_INTROS: &[&str] = &[
    "具体的には、次の事項に取り組むこと。",
    "主な取組は次のとおりとする。",
    "あわせて、次の点を確認すること。",
];

const LIST_ITEMS: &[&str] = &[
    "{K}に関する現状の把握",
    "業務マニュアルの整備と定期的な更新",
    "職員向け研修の実施(年２回以上)",
    "LINEやSNSを活用した周知",
    "AIを活用した議事録作成の試行",
    "四半期ごとの進捗確認",
    "委託事業者への指導・確認",
    "チェックリストによる相互確認",
    "{K}に係る課題の整理",
    "関係各課との定期的な情報共有",
    "市民アンケートによる効果検証",
    "RPA導入対象業務の洗い出し",
    "ペーパーレス会議の定着",
    "事務処理ミス事例の共有",
];

/// (項目, 内容 templates).
const TABLE_ROWS: &[(&str, &[&str])] = &[
    ("目的", &["{K}", "{K}の推進", "{K}に向けた体制整備"]),
    (
        "実施時期",
        &[
            "令和８年度上半期",
            "令和８年度中",
            "令和８年１０月から",
            "通年",
        ],
    ),
    ("所管", &["各課", "部内各課及び庶務担当", "各所属長"]),
    (
        "指標(KPI)",
        &[
            "研修受講率１００％",
            "オンライン申請率５０％以上",
            "時間外勤務の前年度比１０％削減",
            "事務処理ミス件数の半減",
        ],
    ),
    (
        "報告",
        &[
            "四半期ごとに部長へ報告",
            "年度末に成果を取りまとめ",
            "随時、部内会議で共有",
        ],
    ),
];

const LINK_SENTENCES: &[&str] = &[
    "この取組は、{L}と一体的に進めること。",
    "詳細については、{L}も参照すること。",
    "{L}に掲げる取組とも整合を図ること。",
    "あわせて、{L}との連携に留意すること。",
    "なお、{L}の進捗状況も踏まえて対応すること。",
];

const PLAN_LEADS: &[&str] = &[
    "」に基づき、",
    "」を踏まえ、",
    "」との整合を図りながら、",
    "」の趣旨を踏まえ、",
];

// ---------------------------------------------------------------------------
// Text assembly
// ---------------------------------------------------------------------------

const CIRCLED: [char; 4] = ['①', '②', '③', '④'];

/// Replaces every `{K}` and `{L}` with keywords drawn from `kws`, avoiding
/// keywords already in `used` (the same sentence) while others remain.
fn expand(
    t: &str,
    kws: &[&'static str],
    used: &mut Vec<&'static str>,
    rng: &mut Rng,
    out: &mut String,
) {
    let mut rest = t;
    while let Some(pos) = rest.find('{') {
        out.push_str(&rest[..pos]);
        let end = pos + rest[pos..].find('}').expect("unterminated placeholder");
        let mut k = rng.pick(kws);
        for _ in 0..16 {
            if !used.contains(&k) {
                break;
            }
            k = rng.pick(kws);
        }
        used.push(k);
        out.push_str(k);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
}

/// Expands a fragment on its own (fresh keyword set).
fn expand1(t: &str, kws: &[&'static str], rng: &mut Rng, out: &mut String) {
    expand(t, kws, &mut Vec::new(), rng, out);
}

fn sentence(rng: &mut Rng, kws: &[&'static str], out: &mut String) {
    let mut used = Vec::new();
    let r = rng.below(10);
    if r < 2 {
        expand(rng.pick(STANDALONE), kws, &mut used, rng, out);
    } else {
        expand(rng.pick(OPENERS), kws, &mut used, rng, out);
        if r >= 6 {
            expand(rng.pick(MIDDLES), kws, &mut used, rng, out);
        }
        expand(rng.pick(ENDINGS), kws, &mut used, rng, out);
    }
}

fn is_plain_ja(c: char) -> bool {
    // Hiragana, katakana, CJK ideographs; excludes punctuation, brackets,
    // ASCII and full-width digits so a wrapped line never starts oddly.
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{4E00}'..='\u{9FFF}')
}

/// Inserts one line break inside a paragraph, between two plain Japanese
/// characters, away from both ends.
fn hard_wrap(p: &str, rng: &mut Rng) -> String {
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    if chars.len() < 30 {
        return p.to_string();
    }
    let candidates: Vec<usize> = (12..chars.len() - 8)
        .filter(|&i| is_plain_ja(chars[i - 1].1) && is_plain_ja(chars[i].1))
        .map(|i| chars[i].0)
        .collect();
    if candidates.is_empty() {
        return p.to_string();
    }
    let at = rng.pick(&candidates);
    let mut s = String::with_capacity(p.len() + 1);
    s.push_str(&p[..at]);
    s.push('\n');
    s.push_str(&p[at..]);
    s
}

fn directive_id(g: usize) -> String {
    format!("{}-{}", g / PER_CHAPTER + 1, g % PER_CHAPTER + 1)
}

/// Another directive, mostly near `g`, sometimes anywhere.
fn pick_other(g: usize, n: usize, rng: &mut Rng) -> usize {
    loop {
        let t = if rng.chance(0.75) {
            let d = rng.range(1, 8);
            if rng.chance(0.5) {
                if g + d < n {
                    g + d
                } else {
                    g.saturating_sub(d)
                }
            } else if g >= d {
                g - d
            } else {
                (g + d).min(n - 1)
            }
        } else {
            rng.below(n)
        };
        if t != g {
            return t;
        }
    }
}

struct Meta {
    themes: Vec<usize>,
    references: Vec<usize>,
    related: Vec<usize>,
}

fn directive_meta(g: usize, n: usize, rng: &mut Rng) -> Meta {
    let nt = rng.range(1, 3);
    let themes = rng.distinct(TOPICS.len(), nt);
    let nr = match rng.below(10) {
        0..=2 => 0,
        3..=7 => 1,
        _ => 2,
    };
    let references = rng.distinct(PLANS.len(), nr);
    let want = rng.range(2, 4).min(n - 1);
    let mut related = Vec::with_capacity(want);
    while related.len() < want {
        let t = pick_other(g, n, rng);
        if !related.contains(&t) {
            related.push(t);
        }
    }
    Meta {
        themes,
        references,
        related,
    }
}

fn title(rng: &mut Rng, kws: &[&'static str]) -> String {
    for _ in 0..64 {
        let mut t = String::new();
        let mut used = Vec::new();
        expand(rng.pick(TITLE_TEMPLATES), kws, &mut used, rng, &mut t);
        let len = t.chars().count();
        let repeated = used.len() == 2 && used[0] == used[1];
        if (10..=25).contains(&len) && !repeated {
            return t;
        }
    }
    format!("{}に向けた取組の推進", kws[0])
}

/// Builds one directive body. `subs` is the fixed number of sub-items.
fn body(g: usize, n: usize, meta: &Meta, subs: usize, all_subs: &[u8], rng: &mut Rng) -> String {
    let kws: Vec<&'static str> = meta
        .themes
        .iter()
        .flat_map(|&t| TOPICS[t].2.iter().copied())
        .collect();
    for _attempt in 0..100 {
        let target = rng.range(BODY_MIN + 100, BODY_MAX - 350);
        // (text, wrappable)
        let mut head: Vec<(String, bool)> = Vec::new();
        let mut tail: Vec<(String, bool)> = Vec::new();

        // Opening paragraph, about half with a plan mention.
        let mut p = String::new();
        if rng.chance(0.5) {
            let plan = if meta.references.is_empty() {
                rng.below(PLANS.len())
            } else {
                meta.references[0]
            };
            p.push('「');
            p.push_str(PLANS[plan].0);
            p.push_str(rng.pick(PLAN_LEADS));
            expand1(rng.pick(ENDINGS), &kws, rng, &mut p);
            head.push((p, false));
        } else {
            sentence(rng, &kws, &mut p);
            head.push((p, true));
        }

        if rng.chance(0.25) {
            head.push((format!("### {}", rng.pick(HEADINGS)), false));
        }

        let mut items: Vec<(String, bool)> = Vec::new();
        if subs > 0 {
            if rng.chance(0.5) {
                items.push((rng.pick(SUB_INTROS).to_string(), false));
            }
            for &c in CIRCLED.iter().take(subs) {
                let mut s = String::new();
                s.push(c);
                sentence(rng, &kws, &mut s);
                if rng.chance(0.3) {
                    sentence(rng, &kws, &mut s);
                }
                items.push((s, true));
            }
        }

        if rng.chance(0.2) {
            tail.push((rng.pick(LIST_INTROS).to_string(), false));
            let k = rng.range(3, 5);
            let mut list = String::new();
            for (i, idx) in rng.distinct(LIST_ITEMS.len(), k).into_iter().enumerate() {
                if i > 0 {
                    list.push('\n');
                }
                list.push_str("- ");
                expand1(LIST_ITEMS[idx], &kws, rng, &mut list);
            }
            tail.push((list, false));
        }

        if rng.below(15) == 0 {
            let mut t = String::from("| 項目 | 内容 |\n|---|---|");
            let k = rng.range(3, 4);
            let mut rows = rng.distinct(TABLE_ROWS.len(), k);
            rows.sort_unstable();
            for r in rows {
                let (label, values) = TABLE_ROWS[r];
                t.push_str("\n| ");
                t.push_str(label);
                t.push_str(" | ");
                expand1(rng.pick(values), &kws, rng, &mut t);
                t.push_str(" |");
            }
            tail.push((t, false));
        }

        // 1–2 inline cross-links, sometimes to a sub-item that exists.
        let nl = rng.range(1, 2);
        let mut links = String::new();
        for _ in 0..nl {
            let t = pick_other(g, n, rng);
            let mut target = directive_id(t);
            let ts = all_subs[t] as usize;
            if ts > 0 && rng.chance(0.4) {
                target = format!("{}-{}", target, rng.range(1, ts));
            }
            let link = format!("[関連する方針](@{target})");
            let tpl = rng.pick(LINK_SENTENCES);
            links.push_str(&tpl.replace("{L}", &link));
        }

        // Filler to reach the target size; split between before and after
        // the sub-items.
        let fixed: usize = head
            .iter()
            .chain(&items)
            .chain(&tail)
            .map(|(s, _)| s.len() + 2)
            .sum::<usize>()
            + links.len()
            + 1;
        let mut filler: Vec<String> = Vec::new();
        let mut size = fixed;
        while size < target {
            let mut para = String::new();
            let k = rng.range(1, 3);
            for _ in 0..k {
                sentence(rng, &kws, &mut para);
            }
            size += para.len() + 2;
            filler.push(para);
        }
        let split = if filler.is_empty() {
            0
        } else {
            rng.range(0, filler.len())
        };

        let mut blocks: Vec<(String, bool)> = Vec::new();
        blocks.extend(head);
        let mut rest = filler.into_iter();
        for _ in 0..split {
            blocks.push((rest.next().unwrap(), true));
        }
        blocks.extend(items);
        for f in rest {
            blocks.push((f, true));
        }
        blocks.extend(tail);
        blocks.push((links, false));

        // Occasionally hard-wrap one paragraph mid-sentence, as in text
        // extracted from a PDF.
        let wrappable: Vec<usize> = (0..blocks.len()).filter(|&i| blocks[i].1).collect();
        let wrap_at = if !wrappable.is_empty() && rng.chance(0.3) {
            Some(rng.pick(&wrappable))
        } else {
            None
        };
        let mut out = String::with_capacity(BODY_MAX + 256);
        for (i, (text, _)) in blocks.iter().enumerate() {
            if i > 0 {
                out.push_str("\n\n");
            }
            if wrap_at == Some(i) {
                out.push_str(&hard_wrap(text, rng));
            } else {
                out.push_str(text);
            }
        }
        out.push('\n');
        if (BODY_MIN..=BODY_MAX).contains(&out.len()) {
            return out;
        }
    }
    panic!(
        "could not build a body of the required size for {}",
        directive_id(g)
    );
}

// ---------------------------------------------------------------------------
// Fixed files
// ---------------------------------------------------------------------------

const NOTICE_PREAMBLE: &str = "令和8年度を迎えるに当たり、市長から示された「令和8年度施政方針」（令和8年2月20日）、「令和8年度市政運営の基本方針」（令和8年3月19日）を踏まえ、以下のとおり総合政策部の運営方針を策定した。

各所属長は、基本方針及び本運営方針について理解を深め、各所属職員に周知するとともに、各施策・事業を着実に推進されたい。
";

fn notice() -> String {
    let mut s = String::from(
        "---\ntitle: 令和8年度総合政策部の運営方針\nfiscal_year: 2026\nissued: 2026-04-01\nissuer: 総合政策部長 山田太郎\naddressee: 総合政策部管理職 各位\nbases:\n  - plan: plan-001\n    date: 2026-02-20\n---\n",
    );
    s.push_str(NOTICE_PREAMBLE);
    s
}

fn topics_yaml() -> String {
    let mut s = String::new();
    for (i, (name, desc, _)) in TOPICS.iter().enumerate() {
        s.push_str(&format!(
            "- id: topic-{:02}\n  name: {name}\n  description: {desc}\n",
            i + 1
        ));
    }
    s
}

fn plans_yaml(rng: &mut Rng) -> String {
    let mut s = String::new();
    for (i, (name, desc)) in PLANS.iter().enumerate() {
        s.push_str(&format!("- id: plan-{:03}\n  name: {name}\n", i + 1));
        // The two mayoral policies the notice is based on carry their real
        // dates; some other plans have an issue date.
        let issued = match i {
            0 => Some("2026-02-20"),
            1 => Some("2026-03-19"),
            _ if rng.chance(0.4) => Some(rng.pick(&PLAN_ISSUED)),
            _ => None,
        };
        if let Some(d) = issued {
            s.push_str(&format!("  issued: {d}\n"));
        }
        s.push_str(&format!("  description: {desc}\n"));
    }
    s
}

fn chapter_title(c: usize, rng: &mut Rng) -> String {
    if c <= CHAPTER_FIXED.len() && c <= 3 {
        return CHAPTER_FIXED[c - 1].to_string();
    }
    if rng.chance(0.15) {
        return rng.pick(CHAPTER_FIXED).to_string();
    }
    format!("{}{}", rng.pick(CHAPTER_GOALS), rng.pick(CHAPTER_ENDINGS))
}

/// Guards the invariants that keep plan auto-linking unambiguous.
fn check_vocabulary() {
    for (i, (a, _)) in PLANS.iter().enumerate() {
        for (j, (b, _)) in PLANS.iter().enumerate() {
            assert!(
                i == j || !b.contains(a),
                "plan name {a:?} is a substring of {b:?}"
            );
        }
    }
    let pools: [&[&str]; 10] = [
        OPENERS,
        MIDDLES,
        ENDINGS,
        STANDALONE,
        SUB_INTROS,
        HEADINGS,
        LIST_INTROS,
        LIST_ITEMS,
        LINK_SENTENCES,
        TITLE_TEMPLATES,
    ];
    let mut texts: Vec<&str> = pools.iter().flat_map(|p| p.iter().copied()).collect();
    texts.extend(TOPICS.iter().flat_map(|t| t.2.iter().copied()));
    texts.extend(TABLE_ROWS.iter().flat_map(|r| r.1.iter().copied()));
    texts.extend(CHAPTER_GOALS.iter().copied());
    for t in texts {
        assert!(
            !t.contains("若葉市"),
            "fragment mentions the city name: {t:?}"
        );
        for (p, _) in PLANS {
            assert!(!t.contains(p), "fragment mentions plan {p:?}: {t:?}");
        }
    }
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

pub(crate) struct Out {
    files: usize,
    bytes: u64,
}

impl Out {
    fn write(&mut self, path: &Path, contents: &str) -> io::Result<()> {
        fs::write(path, contents)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        self.files += 1;
        self.bytes += contents.len() as u64;
        Ok(())
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: gen_corpus N DIR [--seed S]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let mut positional: Vec<&str> = Vec::new();
    let mut seed = DEFAULT_SEED;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let seed_arg = if a == "--seed" {
            i += 1;
            match args.get(i) {
                Some(v) => Some(v.as_str()),
                None => return usage(),
            }
        } else {
            a.strip_prefix("--seed=")
        };
        if let Some(v) = seed_arg {
            match v.parse() {
                Ok(s) => seed = s,
                Err(_) => {
                    eprintln!("gen_corpus: invalid seed {v:?}");
                    return usage();
                }
            }
        } else if a == "-h" || a == "--help" {
            return usage();
        } else {
            positional.push(a);
        }
        i += 1;
    }
    if positional.len() != 2 {
        return usage();
    }
    let n: usize = match positional[0].parse() {
        Ok(n) if n >= 3 => n,
        _ => {
            eprintln!(
                "gen_corpus: N must be an integer >= 3, got {:?}",
                positional[0]
            );
            return usage();
        }
    };
    let dir = PathBuf::from(positional[1]);
    match run(n, &dir, seed) {
        Ok(out) => {
            println!(
                "gen_corpus: wrote {} files ({} bytes) to {}: {} directives in {} chapters, seed {}",
                out.files,
                out.bytes,
                dir.display(),
                n,
                n.div_ceil(PER_CHAPTER),
                seed
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Also called in-process by benches/pipeline.rs and tests/testsuite/corpus.rs, which
/// include this file with `#[path]`.
pub(crate) fn run(n: usize, dir: &Path, seed: u64) -> io::Result<Out> {
    check_vocabulary();
    if dir.exists() {
        if !dir.is_dir() {
            return Err(io::Error::other(format!(
                "{} exists and is not a directory",
                dir.display()
            )));
        }
        if fs::read_dir(dir)?.next().is_some() {
            return Err(io::Error::other(format!(
                "{} exists and is not empty",
                dir.display()
            )));
        }
    }
    let content = dir.join("content");
    fs::create_dir_all(&content)?;
    let mut out = Out { files: 0, bytes: 0 };

    out.write(&dir.join("hoshin.yaml"), "theme: default\n")?;
    out.write(&content.join("_index.md"), &notice())?;
    out.write(&content.join("topics.yaml"), &topics_yaml())?;
    out.write(
        &content.join("plans.yaml"),
        &plans_yaml(&mut Rng::derive(seed, 1, 0)),
    )?;

    // Sub-item counts of every directive are fixed up front so that
    // `@<id>-<k>` links can only target sub-items that exist.
    let mut srng = Rng::derive(seed, 2, 0);
    let subs: Vec<u8> = (0..n)
        .map(|_| {
            if srng.chance(0.4) {
                srng.range(2, 4) as u8
            } else {
                0
            }
        })
        .collect();

    let chapters = n.div_ceil(PER_CHAPTER);
    let mut crng = Rng::derive(seed, 3, 0);
    let mut buf = String::with_capacity(4096);
    for c in 1..=chapters {
        let cdir = content.join(c.to_string());
        fs::create_dir_all(&cdir)?;
        out.write(
            &cdir.join("_index.md"),
            &format!(
                "---\nnumber: {c}\ntitle: {}\n---\n",
                chapter_title(c, &mut crng)
            ),
        )?;
        let first = (c - 1) * PER_CHAPTER;
        let last = (first + PER_CHAPTER).min(n);
        for g in first..last {
            let m = g - first + 1;
            let mut rng = Rng::derive(seed, 4, g as u64);
            let meta = directive_meta(g, n, &mut rng);
            let kws: Vec<&'static str> = meta
                .themes
                .iter()
                .flat_map(|&t| TOPICS[t].2.iter().copied())
                .collect();
            let caption = title(&mut rng, &kws);
            let text = body(g, n, &meta, subs[g] as usize, &subs, &mut rng);

            buf.clear();
            buf.push_str(&format!(
                "---\nid: \"{c}-{m}\"\nchapter: {c}\nnumber: {m}\ntitle: {caption}\n"
            ));
            let ids = |v: &[usize], f: &dyn Fn(usize) -> String| {
                v.iter().map(|&x| f(x)).collect::<Vec<_>>().join(", ")
            };
            buf.push_str(&format!(
                "themes: [{}]\n",
                ids(&meta.themes, &|t| format!("topic-{:02}", t + 1))
            ));
            buf.push_str(&format!(
                "references: [{}]\n",
                ids(&meta.references, &|p| format!("plan-{:03}", p + 1))
            ));
            buf.push_str(&format!(
                "related: [{}]\n",
                ids(&meta.related, &|r| format!("\"{}\"", directive_id(r)))
            ));
            buf.push_str("---\n");
            buf.push_str(&text);
            out.write(&cdir.join(format!("{c}-{m}.md")), &buf)?;
        }
    }
    Ok(out)
}
