# source の文言（日本語）。id は en/source.ftl と同じにしてください。
# サイトのファイルの読み込み（src/input）、日付（src/model）、内容の確認（src/resolve）、
# 本文の Markdown（src/markdown）。読む人はサイトを更新する職員です。専門用語を避け、
# 何が、どこで、どう直せばよいかを書きます。入力する記号や項目名は `title:` のように
# そのまま書きます。

## サイトのファイルの読み込み（src/input/mod.rs、src/input/encoding.rs）

content-folder-missing = content フォルダーがありません。サイトには content/_index.md、content/topics.yaml、content/plans.yaml と、章ごとのフォルダーが必要です。
# $error: システムの理由（英語）、$kind: not-found、permission-denied、other のどれか。
file-cannot-read = { $kind ->
        [not-found] ファイルが見つかりません。
        [permission-denied] ファイルを読み込めません。読み取りが許可されていないため、ファイルの権限を確かめてください。
       *[other] ファイルを読み込めません（{ $error }）。
    }
# $pointed: リンク先（$target）が分かるときは 1、分からないときは 0。
symlink-in-content = シンボリックリンクです{ $pointed ->
        [0] {""}
       *[other] （リンク先: { $target }）
    }。サイトの外のファイルが紛れ込まないよう、hoshin は content/ の中のリンクをたどりません。リンクではなく、ファイルそのものをここに置いてください。
directive-outside-chapter = 章のフォルダーの外に方針のファイルがあります。その方針の章のフォルダー（例: content/1/）へ移してください。
folder-ignored = このフォルダーは読み込みません。章のフォルダーには、フォルダーを作らずに方針のファイルを直接置いてください。
required-file-missing = 必要なファイルがありません。
config-title-unused = hoshin.yaml の title は使われません。表題は通知（content/_index.md）の title だけです。この行を消してください。
file-too-big = ファイルが大きすぎます（{ $size } バイト。上限は { $limit } バイトです）。上限は hoshin.yaml の `max_file_size:` で変えられます。
file-not-text = 文字として読めないところがあります（先頭から { $offset } バイト目）。UTF-8 でも Shift_JIS でもありません。ファイルを UTF-8 で保存し直してください。
file-legacy-encoding = このファイルは UTF-8 ではなく { $encoding } で保存されています。今回は読み取れましたが、`hoshin check --fix-encoding` を実行して UTF-8 に変換してください。
fix-encoding-cannot-create = フォルダー { $path } を作れません。
fix-encoding-cannot-write-backup = 元のファイルの控え { $path } を書き込めません。
fix-encoding-cannot-write = { $path } を書き込めません。
fix-encoding-cannot-replace = { $path } を置き換えられません。

## hoshin.yaml（src/input/config.rs）

config-theme-name = `theme:` の「{ $theme }」は使えません。themes/ の中にあるフォルダーの名前を書いてください（使える文字は半角の英字、数字、`-`、`_` です）。
config-target-level = `target_level:` の「{ $level }」は使えません。A、AA、AAA のどれかを書いてください。

## 日付（src/model/date.rs）

date-invalid-form = 「{ $text }」は日付として読めません。2026-04-01 のように、西暦の年-月-日を半角で書いてください。
date-not-real = 「{ $text }」という日付はありません。月と日を確かめてください。

## ファイル冒頭の設定部分（front matter）と YAML（src/input/front_matter.rs）

front-matter-missing = ファイルの冒頭に、`---` の行で囲んだ設定部分（front matter）がありません。1 行目を `---` とし、続けて YAML を書き、その後にもう一度 `---` の行を書いてください。
front-matter-unclosed = ここで始まる設定部分（front matter）が閉じられていません。YAML の後に `---` の行を書き足してください。
# 全角で打たれた記号・数字。$fixed: 正しく書いた行。
yaml-full-width-space = 全角の空白があります。半角にして `{ $fixed }` と書いてください。
yaml-full-width-digits = 全角の数字があります。半角にして `{ $fixed }` と書いてください。
yaml-full-width-char = 全角の「{ $char }」があります。半角にして `{ $fixed }` と書いてください。
# id が数や true／false として書かれているとき。
yaml-id-number = { $nested ->
        [0] {"id "}
       *[other] { $place }
    }の { $value } が数として読まれています。id は "{ $value }" のように " で囲んで書いてください。
yaml-id-decimal = { $nested ->
        [0] {"id "}
       *[other] { $place }
    }の { $value } が数として読まれています（YAML では 1.10 が 1.1 と読まれ、0 が消えます）。id は "1.10" のように " で囲んで書いてください。
yaml-id-boolean = { $nested ->
        [0] {"id "}
       *[other] { $place }
    }の { $value } が true／false の値として読まれています。id は " で囲んで書いてください。
# YAML ライブラリーの文言の訳。$place: YAML の中の場所（「`bases` の 1 件目の `date` 」など）、
# $nested: YAML のいちばん外側なら 0、その中なら 1。
# $place を作る部品: 項目名、何件目か、その中のもの（「`bases` の 1 件目の `plan` 」）。
yaml-place-key = `{ $key }`{" "}
yaml-place-item = { $number } 件目
yaml-place-within = { $outer }の { $inner }
yaml-missing-field = { $nested ->
        [0] {""}
       *[other] { $place }の中に
    }必要な項目 `{ $field }:` がありません。`{ $field }: …` の行を書き足してください。
# $fields: 使える項目の一覧。
yaml-unknown-field = { $nested ->
        [0] {""}
       *[other] { $place }の中の
    }項目 `{ $field }:` は使えません。使える項目は { $fields } です。
yaml-unknown-field-did-you-mean = { $nested ->
        [0] {""}
       *[other] { $place }の中の
    }項目 `{ $field }:` はありません。`{ $suggestion }:` の誤りではありませんか。
yaml-duplicate-field = 項目 `{ $field }:` が 2 回書かれています。どちらか一方の行を消してください。
# $expected_kind: 書くべき値の種類、$found_kind: 書かれている値の種類、$found_value: 書かれている値。
yaml-invalid-type = { $nested ->
        [0] ここには、
       *[other] { $place }には、
    }{ $expected_kind ->
        [whole] 0 以上の整数（半角数字）
        [integer] 整数（半角数字）
        [number] 数（半角数字）
        [text] 文字（数字や true だけのときは "2026" のように " で囲みます）
        [boolean] `true` か `false` のどちらか
        [list] 一覧（`[a, b]` の形か、1 行ずつ `- ` で始める形）
        [id] " で囲んだ id（例: "3-2"）
        [mapping] 「項目名: 値」の形の行
       *[other] { $expected }
    }を書いてください。{ $found_kind ->
        [empty] いまは何も書かれていません。
        [list] いまは一覧になっています。
        [mapping] いまは「項目名: 値」の組になっています。
       *[other] いまは「{ $found_value }」と書かれています。
    }
yaml-invalid-value = { $nested ->
        [0] ここには、
       *[other] { $place }には、
    }{ $expected_kind ->
        [whole] 0 以上の整数（半角数字）
        [integer] 整数（半角数字）
        [number] 数（半角数字）
        [text] 文字
        [boolean] `true` か `false` のどちらか
        [list] 一覧
        [id] " で囲んだ id（例: "3-2"）
        [mapping] 「項目名: 値」の形の行
       *[other] { $expected }
    }を書いてください。「{ $found_value }」は使えません。
yaml-syntax-flow-list = `[` で始めた一覧が `]` で閉じられていないか、値の区切りの `,` が抜けています。
yaml-syntax-flow-mapping = `{"{"}` で始めた組が `{"}"}` で閉じられていないか、区切りの `,` が抜けています。
yaml-syntax-colon = 「項目名: 値」の `:` が見つかりません。項目名の後に半角の `:` と空白を書いてください。
yaml-syntax-colon-in-value = ここでは `:` を使えません。値に「: 」を含めるときは値全体を " で囲んでください。行頭の空白（字下げ）も確かめてください。
yaml-syntax-key = 項目名（`title:` など）があるはずの位置に、別のものがあります。行頭の空白（字下げ）がそろっているか確かめてください。
yaml-syntax-dash = 一覧の行は `- ` で始めてください。行頭の空白（字下げ）もそろえてください。
yaml-syntax-token = 値の先頭に、そのままでは使えない記号（`@` など）があります。値全体を " で囲んでください。
yaml-syntax-tab = 行頭の字下げにタブ文字があります。タブではなく半角の空白で字下げしてください。
yaml-syntax-tab-indent = 行頭の字下げにタブ文字があります。タブではなく半角の空白で字下げしてください。
yaml-syntax-end = YAML が途中で終わっています。閉じていない引用符（" や '）や括弧がないか確かめてください。
yaml-syntax-no-value = 値があるはずの位置に、値がありません。`,` や `- ` の後に値を書いてください。
yaml-syntax-control = 目に見えない制御文字が含まれています。その文字を消してください。
yaml-syntax-escape = " で囲んだ値の中の `\` の使い方が正しくありません。`\` を消すか、値を ' で囲んでください。
yaml-syntax-list-here = ここには `- ` で始まる一覧を書けません。行頭の空白（字下げ）を確かめてください。
yaml-syntax-line-end = 値の後に余分な文字があります。閉じた引用符や `]` の後ろを確かめてください。
yaml-more-documents = `---` の行で区切られた YAML が 2 つ以上あります。1 つのファイルには 1 つだけ書いてください。
# その他のライブラリーの文言（$detail、英語）。
yaml-other = YAML の書き方に誤りがあります（{ $detail }）。

## id、計画、通知（src/resolve/parse.rs）

id-empty = id が空です。id を書いてください。
id-too-long = id「{ $id }」が長すぎます。64 文字以内にしてください。
id-full-width = id に全角の文字があります。半角で "{ $fixed }" と書いてください。
# $kind: separator、nul、other のどれか。$char: その文字。
# $written、$char_written: id と文字を書かれたとおりに（$id、$char は英語用に記号で表したもの）。
id-bad-character = id「{ $written }」に使えない文字{ $kind ->
        [separator] （フォルダーの区切り「{ $char_written }」）
        [nul] （目に見えない NUL 文字）
       *[other] 「{ $char_written }」
    }があります。id はファイル名になるため、半角の英字、数字と `-`、`_`、`.` だけが使えます。
id-dots = id「{ $id }」の先頭か末尾に `.` があるか、`..` が含まれています。`.` は文字と文字の間にだけ使えます。
id-reserved = id「{ $id }」は Windows で予約された名前（CON、NUL、COM1 など）なので使えません。別の id にしてください。
plan-unknown = 計画「{ $id }」はありません（計画の一覧は content/plans.yaml にあります）。
plan-unknown-did-you-mean = 計画「{ $id }」はありません。「{ $suggestion }」の誤りではありませんか。
title-empty = `title:` が空です。見出しを書いてください。
# $key: number か chapter。
starts-at-one = `{ $key }:` は 1 から始まります。0 は使えません。
# $kind: topic か plan。
registry-duplicate-id = { $kind ->
        [topic] テーマ
       *[other] 計画
    }の id「{ $id }」が 2 回使われています。別の id にしてください。
plan-empty-name = 計画「{ $id }」の `name:` が空です。計画の名前を書いてください。
plan-draft = 取り込んだ計画の下書きです。id と名前を確かめ、`draft: true` の行を消してください。

## ファイルをまたぐ確認（src/resolve/mod.rs）

chapter-number-duplicate = 章の番号 { $number } は { $other } でも使われています。どちらかの番号を直してください。
directive-id-duplicate = id「{ $id }」は { $other } でも使われています。方針ごとに別の id にしてください。
directive-id-case = id「{ $id }」と「{ $other_id }」（{ $other }）は、英字の大文字と小文字しか違いません。Windows の共有フォルダーでは同じ名前になるため、別の id にしてください。
# $count: 章の数、$known: 章の番号。
chapter-missing = 章 { $chapter } はありません（{ $count ->
        [0] 章がまだありません
       *[other] ある章: { $list }
    }）。
chapter-folder-mismatch = `chapter: { $chapter }` がフォルダーと合いません。このフォルダーは章 { $folder } のものです。
directive-number-duplicate = 方針の番号 { $chapter }({ $number }) は { $other } でも使われています。どちらかの番号を直してください。
numbering-gap-at-start = 番号が飛んでいます。({ $expected }) がありません。
numbering-gap = 番号が飛んでいます。({ $expected }) がありません。
sub-item-anchor-is-id = 小項目に付く名前「{ $anchor }」が、ほかの方針の id と同じです。どちらかの id を変えてください。

## 方針ごとの参照とリンク（src/resolve/refs.rs）

# $check: caption-and-topics、caption、topics、all のどれか。
directive-draft = 取り込んだままの方針です。{ $check ->
        [caption-and-topics] 見出しとテーマ
        [caption] 見出し
        [topics] テーマ
       *[all] 内容
    }を確かめ、`draft: true` の行を消してください。
topic-unknown = テーマ「{ $id }」はありません。{ $count ->
        [0] content/topics.yaml にテーマがありません。
       *[other] 使えるテーマは { $list } です。
    }
topic-unknown-did-you-mean = テーマ「{ $id }」はありません。「{ $suggestion }」の誤りではありませんか。
related-self = `related:` に自分自身の id は書けません。
related-unknown = `related:` の「{ $id }」という方針はありません。
related-unknown-did-you-mean = `related:` の「{ $id }」という方針はありません。「{ $suggestion }」の誤りではありませんか。
sub-item-order = ここは { $expected } のはずですが、{ $found } になっています。小項目は ①、②、… の順に番号を付けてください。
link-unknown-directive = リンク先「@{ $id }」という方針・小項目はありません。
link-unknown-directive-did-you-mean = リンク先「@{ $id }」という方針・小項目はありません。「@{ $suggestion }」の誤りではありませんか。
link-unknown-plan = リンク先の計画「@plan:{ $id }」はありません。
link-unknown-topic = リンク先のテーマ「@theme:{ $id }」はありません。
link-unknown-chapter = リンク先の章「@chapter:{ $chapter }」はありません。

## 本文の Markdown（src/markdown/mod.rs）

link-full-width-at = リンク先の「＠」が全角です。半角で ({ $fixed }) と書いてください。
link-missing-at = 方針へのリンクには @ が要ります。(@{ $fixed }) と書いてください。
link-not-allowed = リンク先「{ $target }」は使えません（使えるのは @id、相対パス、http(s)、mailto、tel のリンクです）。
link-to-source-file = 元のファイル「{ $target }」へのリンクは使えません。方針へは id でリンクしてください（例: [文字](@3-2)）。
image-not-allowed = 画像「{ $source }」は使えません。
image-external = 画像「{ $source }」はほかのサーバーにあります。庁内のサイトは外から何も読み込まないため、画像のファイルを static/ に置いてください。
heading-attributes = 見出しの `{"{"}key=value{"}"}` のような指定は使えません。この部分は出力されません。
raw-html = 本文には HTML を書けません。そのまま文字として表示されます。
