# コマンドと報告の文言（日本語）。`id = 文` の形で、`{ $name }` に値が入ります。
# id は en/cli.ftl と同じにしてください（help-* と clap-* は日本語だけ: 英語のヘルプは src/cli.rs のコメント）。

compare-old-not-older = 改正前として指定した版は { $old }年度で、改正後の { $new }年度より新しいか同じです。古い版を先に指定してください（hoshin compare 改正前 改正後）。
cli-usage-error = コマンドの書き方に誤りがあります。下の英語の説明の箇所を直してください。使い方は `hoshin --help --lang ja` で確かめられます。
severity-error = エラー
severity-warning = 警告
errors-found = { $count }件のエラーがあります
errors-and-warnings-found = { $count }件のエラーがあります（警告 { $warnings }件）

## コマンドの結果と進み具合

build-done = { $out } に { $pages }ページ（方針 { $directives }件）を作りました（{ $ms } ミリ秒）。
build-failed = ビルドできませんでした。{ $out } の中身は前のままです。
watch-wrote = { $out } に書き出しました。ファイルが変わるのを待っています（終えるときは Ctrl+C を押してください）。
watch-kept = { $out } の中身は前のままです。上に示したファイルを直して保存してください。
rebuild-done = 方針 { $directives }件をビルドしました。変わったファイル { $changed }件、削除したファイル { $removed }件（{ $ms } ミリ秒）。
check-converted = { $path } の文字コードを { $encoding } から UTF-8 に変えました（元のファイルは { $backup } に残してあります）。
check-ok = エラーはありません（方針 { $directives }件、{ $chapters }章、テーマ { $topics }件、関連計画 { $plans }件を確かめました）。
compare-failed = 新旧対照表を作れませんでした。{ $out } の中身は前のままです。
compare-done = { $summary }。{ $html } と { $json } に書き出しました（{ $ms } ミリ秒）。
compare-identical = { $editions } を比べました。変更はありません
compare-changes = { $editions } を比べました。方針の変更 { $changed }件（うち番号の変更 { $renumbered }件）、追加 { $added }件、削除 { $removed }件、変更なし { $unchanged }件
edition-started = { $year }年度の版を始めました。前の年度の内容は { $kept } に残してあります。content/ を編集してから `hoshin build` を実行すると、新旧対照表ができます。
import-done = { $file } を { $into } に取り込みました（取り込みの報告は { $report } にあります）。
init-done = { $dir } に新しいサイト（{ $label }の運営方針の見本）を作りました。作ったファイル:
init-replace = このサイトは見本です。「○○」の箇所と見本の文章を、部の実際の運営方針に書き換えてください。
init-next = 次に `{ $serve }` を実行すると、サイトをブラウザーで確かめながら編集できます（保存するたびに表示が新しくなります）。`{ $build }` を実行すると、サイトを { $dist } に書き出します。
init-not-empty = { $path } は空のフォルダーではありません。新しいサイトは、まだないフォルダーか空のフォルダーに作ります。まだないフォルダーの名前を指定してください（例: `hoshin init r8-site`）。
pdf-command-failed = PDF を作れませんでした。{ $out } の中身は前のままです。
pdf-wrote = { $file } に書き出しました（{ $size }、{ $seconds } 秒）。
pdf-compare-wrote = { $summary }。{ $file } に書き出しました（{ $size }、{ $seconds } 秒）。
pdf-size = { $kib } KiB
pdf-size-pages = { $pages }ページ、{ $kib } KiB
pdf-no-theme = id が '{ $id }' のテーマはありません。使えるテーマの id は次のとおりです: { $ids }
pdf-no-temporary-folder = 作業用の一時フォルダーを作れません

## 出力先のフォルダー

output-refused-file-system-root = { $out } にはサイトを書き出せません。ディスクのいちばん上のフォルダーだからです。--out で別のフォルダーを指定してください。
output-refused-site-root = { $out } にはサイトを書き出せません。サイトのフォルダーそのもの（またはそれを含むフォルダー）だからです。--out で別のフォルダーを指定してください。
output-refused-inside = { $out } にはサイトを書き出せません。サイトの { $folder }/ フォルダーの中だからです。--out で別のフォルダーを指定してください。
output-refused-home = { $out } にはサイトを書き出せません。ホームフォルダーだからです。--out で別のフォルダーを指定してください。
output-refused-symlink = { $out } にはサイトを書き出せません。ほかの場所を指すシンボリックリンクだからです。--out で別のフォルダーを指定してください。
output-refused-not-folder = { $out } にはサイトを書き出せません。同じ名前のファイルがあり、フォルダーではないからです。--out で別のフォルダーを指定してください。
output-refused-foreign = { $out } は置き換えません。中にファイルがあり、hoshin が作ったフォルダーではないからです（{ $marker } ファイルがありません）。--out で別のフォルダーを指定するか、中身を確かめてから自分で空にしてください。
output-refused-file = 出力ファイル { $path } は書き出しません。サイトのフォルダーの中を指す名前ではありません。
output-cannot-inspect = { $path } の状態を確かめられません
output-cannot-read = { $path } を読み取れません
output-cannot-resolve = { $path } の場所を確かめられません
output-cannot-create-lock = ロックファイル { $path } を作れません
output-cannot-lock = { $path } をロックできません
output-waiting = ほかの hoshin が { $out } を作っています。終わるまで待っています…
output-no-folder-name = 出力先 { $out } にフォルダーの名前がありません
output-no-parent = 出力先を入れるフォルダーがありません
output-cannot-create = { $path } を作れません
output-cannot-write-in = { $path } の中に書き込めません
output-cannot-write = { $path } に書き込めません
output-cannot-move-in = 新しいサイトを { $out } に移せません
output-cannot-swap-in = 新しいサイトを { $out } と入れ替えられません
output-cannot-move-aside = { $out } を一時的にほかの場所へ移せません
output-cannot-remove = { $path } を削除できません
output-file-in-use = { $path } をほかのプログラム（エディター、ビューアー、ウイルス対策ソフト、Web サーバーなど）が開いています。閉じてから、もう一度実行してください
output-not-removing = { $path } は削除しません。hoshin が作ったしるしの { $marker } ファイルがなく、hoshin のものではないかもしれないからです。
output-not-updating = { $path } は更新しません。hoshin が作ったしるしの { $marker } ファイルがなく、hoshin のものではないかもしれないからです。
output-file-no-folder = 出力ファイルを入れるフォルダーがありません
output-file-no-name = 出力ファイルに名前がありません

## プレビュー（hoshin serve）とファイルの見張り

serve-public = { $bind } で待ち受けています。このコンピューターにつながる人は誰でもプレビューを見られます。自分だけで見るには --bind 127.0.0.1 を付けてください。
serve-serving = サイトを http://{ $address }/ で表示しています。このアドレスをブラウザで開いてください（終えるときは Ctrl+C を押してください）。
serve-kept = 前にビルドできたサイトを表示したままにしています。上に示したファイルを直して保存してください。
serve-cannot-start = プレビューのサーバーを始められません
serve-cannot-listen = { $address } で待ち受けを始められません（ほかのプログラムが同じポートを使っているときは、--port で別の番号を指定してください）
serve-stopped = プレビューのサーバーが止まりました
serve-get-and-head-only = このサーバーは GET と HEAD だけを受け付けます。
serve-bad-path = 不正なパスです。
serve-not-found = ページが見つかりません。
# ビルドが一度もできていないときにブラウザに出すページ。
serve-no-site-title = ビルドエラー
serve-no-site-heading = サイトをまだ表示できません
serve-no-site-text = ビルドでエラーが見つかりました。内容はこの上に表示されます。ファイルを修正して保存すると、このページは自動的に更新されます。
# ブラウザでページの上に重ねてエラーを示す枠。
serve-overlay-title = ビルドエラー（{ $count }件）
serve-overlay-summary = 最後に正常にビルドされたページを表示しています。ファイルを修正して保存すると、自動的に更新されます。
serve-overlay-close = 閉じる
watch-cannot-watch-files = ファイルの変更を見張れません
watch-cannot-watch = { $path } の変更を見張れません
watch-failed = ファイルの変更を見張る仕組みで問題が起きました（{ $error }）。念のため、すべてのファイルを読み直します。

## --help: コマンド（help-<コマンド>）とそのオプション（help-<コマンド>-<オプション>）

help = 部局の年度の運営方針を、互いにリンクした庁内向けのウェブサイトにします
help-lang = 表示する言葉: ja（日本語）または en（英語）。指定しないときはパソコンの言語の設定に従います
help-build = サイトを作り、出力先のフォルダー（指定しないときは dist/）に書き出します
help-build-root = サイトのフォルダー（hoshin.yaml と content/ があるフォルダー）。「.」は今いるフォルダーです
help-build-out = 出力先のフォルダー（指定しないときは、サイトのフォルダーの中の dist/）
help-build-watch = 終わらずに動き続け、原稿のファイルが変わるたびに出力先へ作り直します
help-check = 原稿のファイルを確かめ、問題をすべて知らせます。ファイルは何も書き出しません
help-check-root = サイトのフォルダー（hoshin.yaml と content/ があるフォルダー）。「.」は今いるフォルダーです
help-check-fix_encoding = Shift_JIS や UTF-16 で保存された原稿のファイルを UTF-8 に書き直してから確かめます（元のファイルは .hoshin-backup/ に残します）
help-compare = 二つの年度の版を比べ、新旧対照表（HTML と JSON）を書き出します
help-compare-old = 古い版のサイトのフォルダー（その content/ があるフォルダー）
help-compare-new = 新しい版のサイトのフォルダー
help-compare-out = index.html と compare.json を書き出すフォルダー
help-compare-all = 変わらなかった方針・章・段落も一覧に載せます
help-edition = 年度ごとの版を扱います。`edition new` で次の年度の版を始めます
help-edition-new = 今年度の内容を過去の版（editions/<年度>/）として残し、通知を次の年度に進めます。id はすべてそのままなので、このあとの編集が新旧対照表に表れます
help-edition-new-root = サイトのフォルダー（hoshin.yaml と content/ があるフォルダー）。「.」は今いるフォルダーです
help-import = 部長の文書（.docx、.txt または .md）から新しいサイトを作ります
help-import-file = 取り込む文書。.docx か、UTF-8・Shift_JIS・UTF-16 のテキスト（.txt、.md）
help-import-into = 新しいサイトのフォルダー（まだないフォルダーか、空のフォルダー）。今あるサイトを指定すると、文書をその次の年度の版として取り込みます
help-init = 見本の運営方針が入った新しいサイトのフォルダーを作ります。これを自分の部の方針に書き換えて使います
help-init-dir = 新しいサイトのフォルダー。なければ作ります。あるときは空のフォルダーにしてください。「.」は今いるフォルダーです
help-pdf = 方針の全体、または一つのテーマを、Chromium を使って A4 の PDF にします
help-pdf-root = サイトのフォルダー（hoshin.yaml と content/ があるフォルダー）。「.」は今いるフォルダーです
help-pdf-out = 書き出す PDF ファイル。指定しないときは dist/policy.pdf（--theme-id を付けたときは dist/policy-<ID>.pdf）で、作り直したサイトと一緒に dist/ に入れます
help-pdf-theme_id = このテーマの方針だけを印刷します（テーマの id。例: `digital`）
help-pdf-compare = 代わりに二つの版の新旧対照表を印刷します（それぞれのサイトのフォルダーを、古い版から順に指定）。指定しないときの PDF は、今いるフォルダーの compare-<古い年度>-<新しい年度>.pdf です
help-pdf-chromium = 使う Chromium または Chrome のプログラム（指定しないときは、PATH にある chromium、chromium-browser、google-chrome のどれか）
help-pdf-timeout = Chromium が終わるのを待つ秒数。過ぎたら止めます
help-serve = サイトをブラウザで確かめられるように表示します。保存するたびに作り直し、ブラウザの表示も新しくします
help-serve-root = サイトのフォルダー（hoshin.yaml と content/ があるフォルダー）。「.」は今いるフォルダーです
help-serve-port = 待ち受けるポートの番号（0 なら空いている番号を使います）
help-serve-bind = 待ち受けるアドレス。127.0.0.1 のような自分のコンピューターだけのアドレス以外にすると、ネットワーク上のほかの人もプレビューを見られるようになります

## --help: clap がどのヘルプにも入れる言葉（「Usage:」「[default: …]」。「:」と「[」は除く）

clap-usage = 使い方
clap-commands = コマンド
clap-arguments = 引数
clap-options = オプション
clap-default = 指定しないとき
clap-possible-values = 指定できる値
clap-help = ヘルプを表示します
clap-help-more = ヘルプを表示します（--help でさらに詳しく）
clap-help-summary = ヘルプを表示します（-h で要点だけ）
clap-help-command = この説明、または指定したコマンドの説明を表示します
clap-help-subcommands = 指定したコマンドの説明を表示します
clap-version = バージョンを表示します
