//! Editions and the 新旧対照表: `hoshin compare`, a site with older editions, and
//! `hoshin pdf --compare`.
//!
//! The fixture is the bundled site twice: `editions/2025/` holds it as last year's
//! edition (令和7年度), and the site's own `content/` is this year's with a known set of
//! amendments ([`amend`]). Every amendment must show in the table exactly, marked at the
//! right characters.

use std::collections::BTreeMap;
use std::fs;

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use crate::support::*;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

const OLD: &str = "editions/2025";

/// The bundled site, with its content copied to `editions/2025/content/` as the
/// 令和7年度 edition and then amended in `content/`.
fn fixture() -> SiteCopy {
    let site = SiteCopy::bundled();
    copy_tree(&site.path("content"), &site.path(&format!("{OLD}/content")));
    let notice = format!("{OLD}/content/_index.md");
    site.edit(
        &notice,
        "title: 令和8年度市民部の運営方針",
        "title: 令和7年度市民部の運営方針",
    );
    site.edit(&notice, "fiscal_year: 2026", "fiscal_year: 2025");
    site.edit(&notice, "issued: 2026-04-01", "issued: 2025-04-01");
    amend(&site);
    site
}

/// This year's amendments, each of one kind.
fn amend(site: &SiteCopy) {
    // A sentence changed in two places.
    site.edit(
        "content/3/3-2.md",
        "適正な手続と事業運営",
        "適切な手続及び事業運営",
    );
    // A directive removed.
    fs::remove_file(site.path("content/4/4-3.md")).unwrap();
    // A directive added as 1(3); the old 1(3) is renumbered 1(4).
    site.edit("content/1/1-3.md", "number: 3", "number: 4");
    site.write(
        "content/1/1-kyodo.md",
        "---\nid: \"1-kyodo\"\nchapter: 1\nnumber: 3\ntitle: 市民との協働の推進\nthemes: [community]\nreferences: []\nrelated: []\n---\n①地域の団体と協働して事業を進めること。\n",
    );
    // A テーマ replaced, and a sub-item removed.
    site.edit(
        "content/1/1-1.md",
        "themes: [organization, bpr, service]",
        "themes: [organization, digital, service]",
    );
    let text = site.read("content/1/1-1.md");
    let cut = text.find("\n\n②").unwrap();
    site.write("content/1/1-1.md", &format!("{}\n", &text[..cut]));
    // A sub-item added.
    let text = site.read("content/1/1-2.md");
    site.write(
        "content/1/1-2.md",
        &format!(
            "{}\n\n③窓口のキャッシュレス決済を拡大すること。\n",
            text.trim_end()
        ),
    );
    // A caption changed.
    site.edit(
        "content/2/2-1.md",
        "title: ビジョン前期実行計画の着実な推進",
        "title: ビジョン後期実行計画の着実な推進",
    );
}

/// Runs `hoshin compare editions/2025 . --out <out> [extra]` in the fixture.
fn compare(site: &SiteCopy, out: &str, extra: &[&str]) -> Run {
    let mut args = vec!["compare", OLD, ".", "--out", out];
    args.extend(extra);
    run(&args, site.root())
}

/// A cell's HTML without the visually hidden 削除/追加 markers.
fn without_markers(html: &str) -> String {
    html.replace("<span class=\"vh\">［削除：</span>", "")
        .replace("<span class=\"vh\">［追加：</span>", "")
        .replace("<span class=\"vh\">］</span>", "")
}

/// One table row as seen in the HTML: header text, old cell, new cell (inner HTML).
#[derive(Debug, Clone)]
struct Row {
    header: String,
    old: String,
    new: String,
}

impl Row {
    fn marks(html: &str, tag: &str) -> Vec<String> {
        let frag = Html::parse_fragment(html);
        frag.select(&sel(tag))
            .map(|e| e.text().collect::<String>())
            .collect()
    }
    fn deleted(&self) -> Vec<String> {
        Row::marks(&self.old, "del")
    }
    fn inserted(&self) -> Vec<String> {
        Row::marks(&self.new, "ins")
    }
    /// Text of a cell as read on paper (markers dropped).
    fn text(html: &str) -> String {
        let frag = Html::parse_fragment(&without_markers(html));
        frag.root_element().text().collect()
    }
    /// No insertions on the old side, no deletions on the new side.
    fn assert_sides(&self) {
        assert!(Row::marks(&self.old, "ins").is_empty(), "{self:?}");
        assert!(Row::marks(&self.new, "del").is_empty(), "{self:?}");
    }
}

/// The group of rows about one provision (`d-<id>`, `chapter-<n>`), keyed by anchor:
/// its heading text and its rows.
fn groups(html: &str) -> BTreeMap<String, (String, Vec<Row>)> {
    let doc = Html::parse_document(html);
    let mut out = BTreeMap::new();
    for tbody in doc.select(&sel("table.compare-table tbody")) {
        let id = tbody.value().attr("id").unwrap().to_string();
        let heading: String = tbody
            .select(&sel("tr.group th"))
            .next()
            .unwrap()
            .text()
            .collect();
        let rows = tbody
            .select(&sel("tr:not(.group)"))
            .map(|tr| {
                let th: ElementRef = tr.select(&sel("th")).next().unwrap();
                let tds: Vec<ElementRef> = tr.select(&sel("td")).collect();
                assert_eq!(th.value().attr("scope"), Some("row"));
                Row {
                    header: th.text().collect(),
                    old: tds[0].inner_html(),
                    new: tds[1].inner_html(),
                }
            })
            .collect();
        out.insert(id, (heading, rows));
    }
    out
}

fn row<'a>(groups: &'a BTreeMap<String, (String, Vec<Row>)>, id: &str, header: &str) -> &'a Row {
    let (_, rows) = groups
        .get(id)
        .unwrap_or_else(|| panic!("no group {id} in {:?}", groups.keys()));
    rows.iter()
        .find(|r| r.header.starts_with(header))
        .unwrap_or_else(|| panic!("{id}: no row {header} in {rows:?}"))
}

/// Checks every amendment of [`amend`] in a rendered table.
fn assert_amendments(html: &str) {
    let g = groups(html);
    // Exactly the changed directives, in policy order (the removed one at its old place).
    let doc = Html::parse_document(html);
    let ids: Vec<String> = doc
        .select(&sel("table.compare-table tbody"))
        .map(|t| t.value().attr("id").unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        [
            "d-1-1",
            "d-1-2",
            "d-1-kyodo",
            "d-1-3",
            "d-2-1",
            "d-2-2",
            "d-3-2",
            "d-4-3"
        ]
    );
    for (id, (heading, rows)) in &g {
        assert!(!rows.is_empty(), "{id}: {heading} has no rows");
        for r in rows {
            r.assert_sides();
        }
    }

    // The sentence: two runs, each marked on its side only.
    let r = row(&g, "d-3-2", "本文");
    assert_eq!(r.deleted(), ["正", "と"]);
    assert_eq!(r.inserted(), ["切", "及び"]);
    assert!(
        without_markers(&r.old)
            .contains("遵守した上で、適<del>正</del>な手続<del>と</del>事業運営を行うこと。"),
        "{}",
        r.old
    );
    assert!(
        without_markers(&r.new)
            .contains("遵守した上で、適<ins>切</ins>な手続<ins>及び</ins>事業運営を行うこと。"),
        "{}",
        r.new
    );
    assert!(g["d-3-2"].0.contains("〔改正〕"));
    // Only the changed paragraph of 3(2): its second paragraph is unchanged.
    assert_eq!(g["d-3-2"].1.len(), 1);

    // The removed directive: its whole text struck in the old column.
    let (heading, rows) = &g["d-4-3"];
    assert!(
        heading.starts_with("4(3) 挑戦意欲の支援とデジタル能力の向上"),
        "{heading}"
    );
    assert!(heading.contains("〔削除〕"), "{heading}");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].deleted()[0], "挑戦意欲の支援とデジタル能力の向上");
    assert!(rows[0].deleted()[1].starts_with("職員の挑戦意欲を高める取組"));
    assert_eq!(Row::text(&rows[0].new), "（削除）");

    // The added directive.
    let (heading, rows) = &g["d-1-kyodo"];
    assert!(heading.starts_with("1(3) 市民との協働の推進"), "{heading}");
    assert!(heading.contains("〔新設〕"), "{heading}");
    assert_eq!(Row::text(&rows[0].old), "（新設）");
    assert_eq!(
        rows[0].inserted(),
        [
            "市民との協働の推進",
            "地域の団体と協働して事業を進めること。"
        ]
    );
    assert!(
        without_markers(&rows[0].new)
            .contains("<p>①<ins>地域の団体と協働して事業を進めること。</ins></p>")
    );

    // The renumbered directive: only its number changed.
    let (heading, rows) = &g["d-1-3"];
    assert!(heading.contains("〔改正・番号変更〕"), "{heading}");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].header, "番号 〔番号変更〕");
    assert_eq!(rows[0].deleted(), ["1(3)"]);
    assert_eq!(rows[0].inserted(), ["1(4)"]);

    // A テーマ replaced and a sub-item removed.
    let r = row(&g, "d-1-1", "テーマ");
    assert_eq!(r.deleted(), ["業務改革(BPR)"]);
    assert_eq!(r.inserted(), ["デジタル化・DX"]);
    assert_eq!(Row::text(&r.old), "組織運営、業務改革(BPR)、市民サービス");
    let r = row(&g, "d-1-1", "②");
    assert_eq!(r.header, "② 〔削除〕");
    assert!(r.deleted()[0].starts_with("時代やニーズの変化等により"));
    assert_eq!(Row::text(&r.new), "（削除）");
    assert_eq!(g["d-1-1"].1.len(), 2, "{:?}", g["d-1-1"].1);

    // A sub-item added.
    let r = row(&g, "d-1-2", "③");
    assert_eq!(r.header, "③ 〔新設〕");
    assert_eq!(Row::text(&r.old), "（新設）");
    assert_eq!(r.inserted(), ["窓口のキャッシュレス決済を拡大すること。"]);
    assert_eq!(g["d-1-2"].1.len(), 1);

    // A caption changed: one character.
    let r = row(&g, "d-2-1", "見出し");
    assert_eq!(r.deleted(), ["前"]);
    assert_eq!(r.inserted(), ["後"]);
    assert_eq!(Row::text(&r.new), "ビジョン後期実行計画の着実な推進");

    // 2(2) named 4(3) as related; with 4(3) gone, the relation is gone.
    let r = row(&g, "d-2-2", "関連する方針");
    assert_eq!(r.deleted(), ["4(3) 挑戦意欲の支援とデジタル能力の向上"]);
    assert!(r.inserted().is_empty());

    // Unchanged directives are left out.
    assert!(!g.contains_key("d-3-5"));

    // The summary.
    let text = squash(&html_text(html));
    for expected in [
        "改正 6件（うち番号変更 1件）",
        "新設 1件",
        "削除 1件",
        "変更なし 12件",
        "改正前令和7年度市民部の運営方針（令和7年4月1日）",
        "改正後令和8年度市民部の運営方針（令和8年4月1日）",
    ] {
        assert!(text.contains(expected), "summary lacks {expected}:\n{text}");
    }
}

#[test]
fn compare_writes_a_table_with_every_change_marked_exactly() {
    let site = fixture();
    let run = compare(&site, "cmp", &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("compared 令和7年度 → 令和8年度: 6 changed (1 renumbered), 1 added, 1 removed, 12 unchanged directives"),
        "{}",
        run.stderr
    );
    let html = site.read("cmp/index.html");
    assert_amendments(&html);

    // Accessible table: a caption, column headers with scope, the 改正前/改正後 columns.
    let doc = Html::parse_document(&html);
    let caption: String = doc
        .select(&sel("table caption"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert_eq!(caption, "新旧対照表（令和7年度→令和8年度）");
    let heads: Vec<(String, Option<&str>)> = doc
        .select(&sel("thead th"))
        .map(|th| (th.text().collect(), th.value().attr("scope")))
        .collect();
    assert_eq!(
        heads,
        [
            ("箇所".to_string(), Some("col")),
            ("改正前（令和7年度）".to_string(), Some("col")),
            ("改正後（令和8年度）".to_string(), Some("col")),
        ]
    );
    // Marks are announced, not only drawn.
    assert!(
        html.contains(
            "<span class=\"vh\">［削除：</span><del>正</del><span class=\"vh\">］</span>"
        )
    );
    assert!(
        html.contains(
            "<span class=\"vh\">［追加：</span><ins>切</ins><span class=\"vh\">］</span>"
        )
    );
    // Self-contained: no request and no link anywhere but inside the document.
    let refs: Vec<&str> = doc
        .select(&sel("[href], [src]"))
        .map(|e| e.value().attr("href").or(e.value().attr("src")).unwrap())
        .collect();
    assert_eq!(refs, ["#main"]);
    // A4, landscape, headers repeated on every printed page.
    assert!(html.contains("@page { size: A4 landscape;"));
    assert!(html.contains(".compare-table thead { display: table-header-group; }"));
}

#[test]
fn compare_json_holds_the_same_changes() {
    let site = fixture();
    let run = compare(&site, "cmp", &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let json: Value = serde_json::from_str(&site.read("cmp/compare.json")).unwrap();
    assert_eq!(json["format"], "hoshin-compare/1");
    assert_eq!(json["old"]["title"], "令和7年度市民部の運営方針");
    assert_eq!(json["new"]["issued"], "2026-04-01");
    assert_eq!(json["identical"], false);
    assert_eq!(json["summary"]["changed"], 6);
    assert_eq!(json["summary"]["added"], 1);
    assert_eq!(json["summary"]["removed"], 1);
    assert_eq!(json["summary"]["renumbered"], 1);
    assert_eq!(json["summary"]["unchanged"], 12);
    let directives = json["directives"].as_array().unwrap();
    let by_id = |id: &str| -> &Value {
        directives
            .iter()
            .find(|d| d["id"] == id)
            .unwrap_or_else(|| panic!("{id} missing"))
    };
    let status: Vec<(&str, &str)> = directives
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        status,
        [
            ("1-1", "changed"),
            ("1-2", "changed"),
            ("1-kyodo", "added"),
            ("1-3", "changed"),
            ("2-1", "changed"),
            ("2-2", "changed"),
            ("3-2", "changed"),
            ("4-3", "removed"),
        ]
    );
    let diff = &by_id("3-2")["parts"][0]["diff"];
    let runs: Vec<(&str, &str)> = diff
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["op"].as_str().unwrap(), s["text"].as_str().unwrap()))
        .collect();
    assert_eq!(
        runs,
        [
            ("equal", "根拠法令等を確認、理解し、遵守した上で、適"),
            ("delete", "正"),
            ("insert", "切"),
            ("equal", "な手続"),
            ("delete", "と"),
            ("insert", "及び"),
            ("equal", "事業運営を行うこと。"),
        ]
    );
    let renumbered = by_id("1-3");
    assert_eq!(renumbered["renumbered"], true);
    assert_eq!(renumbered["old"]["citation"], "1(3)");
    assert_eq!(renumbered["new"]["citation"], "1(4)");
    let themes = &by_id("1-1")["front_matter"][0];
    assert_eq!(themes["field"], "themes");
    assert_eq!(themes["added"], serde_json::json!(["digital"]));
    assert_eq!(themes["removed"], serde_json::json!(["bpr"]));
    let sub = &by_id("1-2")["parts"][0];
    assert_eq!(sub["status"], "added");
    assert_eq!(sub["new_sub_item"], 3);
    assert_eq!(by_id("2-1")["caption_changed"], true);
}

#[test]
fn compare_all_keeps_unchanged_directives() {
    let site = fixture();
    let run = compare(&site, "cmp", &["--all"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let html = site.read("cmp/index.html");
    let g = groups(&html);
    // 19 directives this year, plus the removed one, plus 4 chapters and the preamble.
    assert_eq!(g.len(), 25, "{:?}", g.keys());
    let (heading, rows) = &g["d-3-5"];
    assert!(heading.contains("〔変更なし〕"), "{heading}");
    assert!(
        rows.iter()
            .all(|r| r.deleted().is_empty() && r.inserted().is_empty())
    );
    assert_eq!(Row::text(&rows[0].old), Row::text(&rows[0].new));
    // The changed ones are marked as without --all.
    let r = row(&g, "d-3-2", "本文");
    assert_eq!(r.deleted(), ["正", "と"]);
    let json: Value = serde_json::from_str(&site.read("cmp/compare.json")).unwrap();
    assert_eq!(json["directives"].as_array().unwrap().len(), 20);
}

#[test]
fn an_identical_pair_says_no_changes() {
    let site = SiteCopy::bundled();
    let run = run(&["compare", ".", ".", "--out", "same"], site.root());
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("no changes (変更なし)"),
        "{}",
        run.stderr
    );
    let html = site.read("same/index.html");
    assert!(squash(&html_text(&html)).contains("変更なし：改正前と改正後の方針"));
    assert!(!html.contains("<table"), "an identical pair has no table");
    let json: Value = serde_json::from_str(&site.read("same/compare.json")).unwrap();
    assert_eq!(json["identical"], true);
    assert_eq!(json["directives"], serde_json::json!([]));
}

#[test]
fn compare_reports_errors_of_either_edition_and_leaves_the_output() {
    let site = fixture();
    let ok = compare(&site, "cmp", &[]);
    assert_eq!(ok.status, 0, "{}", ok.stderr);
    let before = snapshot(&site.path("cmp"));
    site.edit(
        &format!("{OLD}/content/3/3-2.md"),
        "themes: [privacy, compliance]",
        "themes: [privacy, complience]",
    );
    site.edit("content/1/1-2.md", "id: \"1-2\"", "id: \"1-2\"\nnumbr: 2");
    let run = compare(&site, "cmp", &[]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.contains("editions/2025/content/3/3-2.md:7:19: error: unknown テーマ 'complience'; did you mean 'compliance'?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("\ncontent/1/1-2.md:3:1: error:")
            || run.stderr.starts_with("content/1/1-2.md:3:1: error:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("2 errors found"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("compare failed; cmp was left unchanged"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&site.path("cmp")), before);
}

/// The fixture as one site: `editions: [editions/2025]` in hoshin.yaml.
fn multi_edition_site() -> (SiteCopy, BTreeMap<String, Vec<u8>>) {
    let site = fixture();
    let config = site.read("hoshin.yaml");
    site.write("hoshin.yaml", &format!("{config}editions:\n  - {OLD}\n"));
    let files = site.built_files();
    (site, files)
}

#[test]
fn a_site_with_two_editions_publishes_both_and_the_table() {
    let (site, files) = multi_edition_site();
    for path in [
        "index.html",
        "directives/1-kyodo.html",
        "editions/2025/index.html",
        "editions/2025/directives/4-3.html",
        "editions/2025/print.html",
        "editions/2025/policy.json",
        "editions/2025/static/style.css",
        "compare/2025-2026.html",
        "compare/2025-2026.json",
    ] {
        assert!(files.contains_key(path), "{path} missing");
    }
    assert!(!files.contains_key("editions/2025/directives/1-kyodo.html"));
    assert!(!files.contains_key("directives/4-3.html"));

    // Every link of every page of both editions and the table resolves.
    let (checked, broken) = check_internal_links(&files);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(checked > 2000, "only {checked} links checked");

    // The table is the same as `hoshin compare`'s, with links to both editions.
    let html = page(&files, "compare/2025-2026.html");
    assert_amendments(&html);
    assert!(
        html.contains("<a href=\"../editions/2025/directives/3-2.html\">令和7年度の版で見る</a>")
    );
    assert!(html.contains("<a href=\"../directives/3-2.html\">令和8年度の版で見る</a>"));
    let json: Value = serde_json::from_str(&page(&files, "compare/2025-2026.json")).unwrap();
    assert_eq!(json["summary"]["changed"], 6);
    run(&["compare", OLD, ".", "--out", "cmp"], site.root());
    assert_eq!(
        site.read("cmp/compare.json").as_bytes(),
        &files["compare/2025-2026.json"][..]
    );

    // Home pages list the editions and the table.
    let home = squash(&html_text(&page(&files, "index.html")));
    assert!(home.contains("年度ごとの版と新旧対照表"), "{home}");
    assert!(
        page(&files, "index.html")
            .contains("<a href=\"compare/2025-2026.html\">新旧対照表（令和7年度→令和8年度）</a>")
    );
    assert!(
        page(&files, "index.html")
            .contains("<a href=\"editions/2025/index.html\">令和7年度市民部の運営方針</a>")
    );
    let old_home = page(&files, "editions/2025/index.html");
    assert!(old_home.contains("<a href=\"../../compare/2025-2026.html\">"));
    assert!(old_home.contains("この版は<strong>令和7年度</strong>の方針です（過去の版）。最新の版は<a href=\"../../index.html\">令和8年度の方針</a>です。"));
    assert!(!page(&files, "index.html").contains("edition-banner"));
    // The old edition is published with its own title.
    assert!(
        old_home.contains("<title>令和7年度市民部の運営方針｜令和7年度市民部の運営方針</title>"),
        "{}",
        &old_home[..400]
    );

    // Directive pages link to the same id in the other edition, or say it is not there.
    let d = page(&files, "directives/3-2.html");
    assert!(d.contains("<a href=\"../editions/2025/directives/3-2.html\">令和7年度</a>"));
    let d = squash(&html_text(&page(&files, "directives/1-kyodo.html")));
    assert!(d.contains("令和7年度：この年度の方針にはありません"), "{d}");
    let d = page(&files, "editions/2025/directives/3-2.html");
    assert!(d.contains("<a href=\"../../../directives/3-2.html\">令和8年度</a>（最新）"));
    let d = squash(&html_text(&page(
        &files,
        "editions/2025/directives/4-3.html",
    )));
    assert!(d.contains("令和8年度：この年度の方針にはありません"), "{d}");

    // check accepts the site too.
    let run = site.run(&["check"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
}

#[test]
fn one_edition_builds_exactly_as_before() {
    let site = SiteCopy::bundled();
    let run = site.build();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let files = snapshot(&site.path("dist"));
    for path in files.keys() {
        assert!(
            !path.starts_with("editions/") && !path.starts_with("compare/"),
            "a site with one edition has no {path}"
        );
    }
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for needle in [
            "editions/",
            "compare/",
            "他の年度の版",
            "edition-banner",
            "新旧対照表",
            "compare-table",
        ] {
            assert!(!text.contains(needle), "{path} contains {needle}");
        }
    }
    // An empty list is the same as none: the same bytes.
    let config = site.read("hoshin.yaml");
    site.write("hoshin.yaml", &format!("{config}editions: []\n"));
    let run = site.run(&["build", "--out", "dist2"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(snapshot(&site.path("dist2")), files);
}

#[test]
fn bad_edition_lists_are_errors_at_their_line() {
    let site = fixture();
    let config = site.read("hoshin.yaml");
    let lines = config.lines().count();
    site.write("hoshin.yaml", &format!("{config}editions:\n  - {OLD}\n"));
    let built = site.build();
    assert_eq!(built.status, 0, "{}", built.stderr);
    let before = snapshot(&site.path("dist"));
    site.write(
        "hoshin.yaml",
        &format!("{config}editions:\n  - {OLD}\n  - nowhere\n  - .\n"),
    );
    // Rebuilt with the bad list: nothing written.
    let run = site.build();
    assert_eq!(run.status, 1);
    let (nowhere, dot) = (lines + 3, lines + 4);
    assert!(
        run.stderr.contains(&format!(
            "hoshin.yaml:{nowhere}:5: error: edition folder 'nowhere' has no content/ folder"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "hoshin.yaml:{dot}:5: error: edition folder '.' is the site itself"
        )),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&site.path("dist")), before);

    // An edition that is not older than content/.
    site.write("hoshin.yaml", &format!("{config}editions:\n  - {OLD}\n"));
    site.edit(
        &format!("{OLD}/content/_index.md"),
        "fiscal_year: 2025",
        "fiscal_year: 2026",
    );
    let run = site.build();
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.contains(&format!("hoshin.yaml:{}:5: error: edition 'editions/2025' is for fiscal year 2026, not older than the site's own content/ (2026)", lines + 2)),
        "{}",
        run.stderr
    );
    // An error inside an edition names its file from the site root.
    site.edit(
        &format!("{OLD}/content/_index.md"),
        "fiscal_year: 2026",
        "fiscal_year: 2025",
    );
    site.edit(
        &format!("{OLD}/content/2/2-1.md"),
        "related: []",
        "related: [\"9-9\"]",
    );
    let run = site.build();
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.contains("editions/2025/content/2/2-1.md:9:"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&site.path("dist")), before);
}

// ---------------------------------------------------------------- PDF

/// Needs Chromium and poppler-utils: fails (never skips) without them.
#[test]
fn pdf_prints_the_table_on_landscape_a4_with_headers_on_every_page() {
    let site = fixture();
    let run = run(&["pdf", "--compare", OLD, "."], site.root());
    assert_eq!(
        run.status, 0,
        "hoshin pdf --compare failed (chromium and fonts-noto-cjk installed?):\n{}",
        run.stderr
    );
    let pdf = site.path("compare-2025-2026.pdf");
    assert!(pdf.is_file(), "{}", run.stderr);
    assert!(
        !site.path("dist").exists(),
        "pdf --compare does not build the site"
    );
    let pdf = pdf.to_str().unwrap();
    let info = tool("pdfinfo", &[pdf]);
    assert!(info.contains("新旧対照表（令和7年度→令和8年度）"), "{info}");
    let size = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap()
        .trim();
    assert!(
        size.starts_with("841.9") || size.starts_with("842"),
        "not A4 landscape: {size}"
    );
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(pages >= 2, "{pages} pages");
    let mut with_rows = 0;
    for p in 1..=pages {
        let n = p.to_string();
        let text: String = tool(
            "pdftotext",
            &["-f", &n, "-l", &n, "-enc", "UTF-8", pdf, "-"],
        )
        .split_whitespace()
        .collect();
        // Every page with rows of the table (〔改正〕, 〔新設〕…) repeats its header.
        if text.contains('〔') {
            assert!(
                text.contains("改正前（令和7年度）") && text.contains("改正後（令和8年度）"),
                "page {p} lacks the table header:\n{text}"
            );
            with_rows += 1;
        }
    }
    assert!(with_rows >= 2, "the table fits one page: nothing repeated");
    let text: String = tool("pdftotext", &["-enc", "UTF-8", pdf, "-"])
        .split_whitespace()
        .collect();
    assert!(text.contains("適切な手続及び事業運営"), "{text}");
}

#[test]
fn edition_new_starts_next_year_and_the_table_shows_exactly_the_edits_made_after_it() {
    let site = SiteCopy::bundled();
    let old_content = snapshot(&site.path("content"));
    let started = site.run(&["edition", "new"]);
    assert_eq!(started.status, 0, "{}", started.stderr);
    assert_eq!(snapshot(&site.path("editions/2026/content")), old_content);
    let notice = site.read("content/_index.md");
    for line in [
        "title: 令和9年度市民部の運営方針",
        "fiscal_year: 2027",
        "issued: 2027-04-01",
    ] {
        assert!(notice.contains(line), "{notice}");
    }
    let config = site.read("hoshin.yaml");
    assert!(config.contains("editions:\n  - editions/2026"), "{config}");
    assert!(
        !config.contains("令和8年度"),
        "no second copy of last year's title:\n{config}"
    );

    // Nothing edited yet: the 新旧対照表 has no change; then exactly the edits made.
    let summary = |site: &SiteCopy| {
        let built = site.build();
        assert_eq!(built.status, 0, "{}", built.stderr);
        let json: Value = serde_json::from_str(&site.read("dist/compare/2026-2027.json")).unwrap();
        let s = &json["summary"];
        [&s["changed"], &s["added"], &s["removed"]].map(|v| v.as_u64().unwrap())
    };
    assert_eq!(summary(&site), [0, 0, 0]);
    let index = site.read("dist/index.html");
    assert!(
        index.contains("令和9年度市民部の運営方針")
            && !index.contains("令和8年度 市民部の運営方針")
    );
    site.edit("content/3/3-2.md", "適正な手続", "適正かつ迅速な手続");
    site.write("content/4/4-4.md", "---\nid: \"4-4\"\nchapter: 4\nnumber: 4\ntitle: 新しい方針\n---\n新しい取組を進めること。\n");
    assert_eq!(summary(&site), [1, 1, 0]);

    let again = site.run(&["edition", "new"]);
    assert_eq!(again.status, 0, "{}", again.stderr);
    assert!(site.path("editions/2027/content/4/4-4.md").exists());
    fs::create_dir_all(site.path("editions/2028")).unwrap();
    let before = snapshot(site.root());
    let refused = site.run(&["edition", "new"]);
    assert_eq!(refused.status, 1, "editions/2028 is taken");
    assert!(
        refused.stderr.contains("exists already"),
        "{}",
        refused.stderr
    );
    assert_eq!(snapshot(site.root()), before, "nothing changed");
}

#[test]
fn the_table_puts_the_new_text_on_the_left_when_the_config_asks() {
    let site = SiteCopy::bundled();
    assert_eq!(site.run(&["edition", "new"]).status, 0);
    site.edit("content/3/3-2.md", "適正な手続", "適正かつ迅速な手続");
    let order = |site: &SiteCopy| {
        let built = site.build();
        assert_eq!(built.status, 0, "{}", built.stderr);
        let page = site.read("dist/compare/2026-2027.html");
        let at = |s: &str| page.find(s).unwrap_or_else(|| panic!("no {s}"));
        let headers = at("改正前（令和8年度）") < at("改正後（令和9年度）");
        let cells = at("適正な手続") < at("かつ迅速");
        (headers, cells)
    };
    assert_eq!(order(&site), (true, true), "改正前｜改正後 by default");
    let config = site.read("hoshin.yaml") + "compare_new_first: true\n";
    site.write("hoshin.yaml", &config);
    assert_eq!(order(&site), (false, false), "改正後｜改正前 when asked");
    let standalone = run(
        &["compare", "editions/2026", ".", "--out", "cmp"],
        site.root(),
    );
    assert_eq!(standalone.status, 0, "{}", standalone.stderr);
    let doc = site.read("cmp/index.html");
    assert!(doc.find("改正後（令和9年度）").unwrap() < doc.find("改正前（令和8年度）").unwrap());
}

#[test]
fn a_renumbered_sub_items_number_is_marked_as_changed() {
    let site = SiteCopy::bundled();
    assert_eq!(site.run(&["edition", "new"]).status, 0);
    let text = site.read("content/1/1-1.md");
    let text = text
        .replace("②時代", "③時代")
        .replace("①職員", "①窓口の待ち時間を短くすること。\n\n②職員");
    site.write("content/1/1-1.md", &text);
    let built = site.build();
    assert_eq!(built.status, 0, "{}", built.stderr);
    let page = site.read("dist/compare/2026-2027.html");
    // The old ① is now ②: its number is struck in the old column and inserted in the new.
    assert!(
        page.contains("<del>①</del><span class=\"vh\">］</span>職員"),
        "{page}"
    );
    assert!(
        page.contains("<ins>②</ins><span class=\"vh\">］</span>職員"),
        "{page}"
    );
}

#[test]
fn compare_warns_when_the_old_edition_is_not_older() {
    let site = SiteCopy::bundled();
    assert_eq!(site.run(&["edition", "new"]).status, 0);
    let reversed = run(
        &["compare", ".", "editions/2026", "--out", "cmp"],
        site.root(),
    );
    assert_eq!(
        reversed.status, 0,
        "a warning, not an error:\n{}",
        reversed.stderr
    );
    assert!(
        reversed.stderr.contains(
            "content/_index.md: warning: the old edition is for fiscal year 2027, not older than the new one's 2026"
        ),
        "{}",
        reversed.stderr
    );
    let ordered = run(
        &["compare", "editions/2026", ".", "--out", "cmp"],
        site.root(),
    );
    assert!(!ordered.stderr.contains("not older"), "{}", ordered.stderr);
}
