# render の文言（日本語）。id は en/render.ftl と同じにしてください。

## デザイン（theme）とテンプレート（src/render/skin.rs）
## 「テーマ」はサイトの中で方針の分類（topics）を指すので、見た目の theme は「デザイン」と呼びます。

theme-not-found = デザイン '{ $theme }' が見つかりません（`themes/{ $theme }/` フォルダーがありません）。`hoshin.yaml` の `theme` に、`themes/` の中にあるフォルダー名を書いてください。
theme-template-missing = デザインにテンプレート（ページのひな形）'{ $template }' がありません。このファイルを用意してください。
theme-cannot-read = 読み込めません（{ $error }）。
template-not-utf8 = テンプレートの文字コードが UTF-8 ではありません。UTF-8 で保存し直してください。
template-error = テンプレート（ページのひな形）の書き方に誤りがあります。示した箇所を直してください。詳しい内容: { $message }

## 過去の版（src/editions/）

edition-no-content = 過去の版のフォルダー '{ $dir }' に `content/` フォルダーがありません。`editions:` には、過去の版の `content/` が入ったフォルダーを書いてください（例: `editions/2025/content/` が入った `editions/2025`）。
edition-is-site-itself = 過去の版のフォルダー '{ $dir }' は、このサイトそのものです。このサイトの `content/` はすでに最新の版なので、`editions:` から外してください。
edition-not-older = 版 '{ $dir }' は { $year }年度のもので、このサイトの `content/`（{ $site_year }年度）より古くありません。最新の版は `content/` に置き、`editions:` には前の年度の版だけを書いてください。
edition-same-year = 版 '{ $other }' と '{ $dir }' は、どちらも { $year }年度のものです。`editions:` には一つの年度につき一つの版だけを書いてください。
edition-archived-already = { $path } はすでにあります（{ $year }年度の版の保管場所です）。保管済みの版を上書きしないよう、ここで止めました。このフォルダーの中身を確かめてください。
edition-site-has-errors = { $root } に誤りがあります。次の年度の版を始める前に、上に示した誤りを直してください。
edition-cannot-read = { $path } を読み込めません
edition-cannot-copy = { $path } をコピーできません
edition-cannot-archive = `content/` を過去の版として保管できません

## PDF（src/print/pdf.rs）

pdf-chromium-not-at = { $path } に Chromium が見つかりません（実行できるファイルがありません）。{ $hint }か、`--chromium` に Chromium か Chrome の実行ファイルの場所を指定してください。
pdf-chromium-not-on-path = Chromium が見つかりません（PATH に { $names } のどれもありません）。{ $hint }か、`--chromium` に Chromium の実行ファイルの場所を指定してください。
pdf-cannot-create = { $path } を作れません
pdf-cannot-write = { $path } に書き込めません
pdf-no-such-page = サイトにページ { $page } がありません
pdf-cannot-make-temp = Chromium 用の一時フォルダーを作れません
pdf-cannot-start = Chromium を起動できません（{ $path }）
pdf-timed-out = Chromium が { $seconds } 秒たっても終わらなかったため、止めました（{ $path }）。時間がかかる文書なら、`--timeout` で待つ秒数を増やしてください。
pdf-cannot-wait = Chromium の終了を待てません
pdf-failed = Chromium が { $path } を PDF にできませんでした（{ $status }）。
pdf-no-pdf = Chromium は PDF を書き出さずに終わりました。
pdf-not-a-pdf = Chromium が書き出したものは PDF ではありません。
# 上のメッセージの後、Chromium が最後に出力した行の前に置きます。
pdf-install-hint-linux = `apt-get install chromium fonts-noto-cjk` でインストールする
pdf-install-hint-windows = Google Chrome をインストールする（または Windows 10・11 に付属の Microsoft Edge を修復する）
pdf-install-hint-macos = Google Chrome か Chromium を「アプリケーション」にインストールする
pdf-chromium-said = Chromium の出力:
