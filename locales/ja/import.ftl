# import の文言（日本語）。id は en/import.ftl と同じにしてください。

## 取り込みの報告（画面に出し、import-report.txt にも書きます）

import-report-source = 取り込み元: { $name }
import-report-title = 表題: { $title }
import-report-date = 日付: { $date }
import-report-date-not-found = （見つかりません）
import-report-chapters = 章: { $count }
import-report-directives = 方針: { $count }
import-report-sub-items = 小項目: { $count }
import-report-plans = 計画: { $count }
import-report-renumbered = 小項目の番号は ①② の形にしました。
import-report-not-plans = 計画とみなさなかった「」: { $names }
# 報告の中で、名前や id を並べるときの区切り。
import-report-list-separator = 、
import-report-unplaced = 置き場所が決まらなかった文: { $count }
import-report-why = （{ $why }）
import-report-to-do = 残りの作業: 各方針の見出しとテーマ、`plans.yaml` の計画を確かめ、`draft: true` の行を消してください。`hoshin check` が残りを警告で示します。
import-report-continued = 前年度から続く方針: { $count }
import-report-new = 新しい方針（下書き）: { $count }
import-report-removed = 前年度にあってなくなった方針: { $ids }
import-report-none = なし

## 文書の行を置けなかった理由（報告に載せます）

import-unplaced-no-directive = 方針の下の番号が付いていますが、その前に方針がありません
import-unplaced-no-chapter = 入れる章がありません
import-unplaced-heading-line = 通知の冒頭の行ですが、日付・宛先・発信者・表題のどれでもありません

## エラー

import-cannot-read = { $path } を読み込めません
import-docx-unreadable = Word の文書（.docx）として読めません。Word で開けるか確かめ、.docx で保存し直してください。
import-not-docx = Word の文書（.docx）ではありません。Word で開けるか確かめ、.docx で保存し直してください（{ $error }）。
import-not-text = { $path }: 文字コードが UTF-8・Shift_JIS・UTF-16 のどれでもないため、文章として読めません（{ $byte } バイト目）。メモ帳などで開き、UTF-8 で保存し直してください。
import-unknown-type = { $path }: 取り込めるのは .docx、.txt、.md のファイルです。Word の文書は .docx で保存してから取り込んでください。
import-not-empty = { $path } は空のフォルダーではありません。取り込みは新しいサイトを空のフォルダーに作ります。まだないフォルダー名を `--into` に指定してください。
import-no-chapters = { $path }: 文書の中に、番号の付いた章（1. / 第1 / １）が見つかりません。章の見出しに番号が付いているか確かめてください。
import-cannot-create = { $path } を作れません
import-cannot-write = { $path } に書き込めません
import-site-has-errors = { $root } に誤りがあります。次の年度の文書を取り込む前に、上に示した誤りを直してください（`hoshin check` で確かめられます）。
import-not-newer = { $path }: この文書は { $year }年度のもので、サイトの { $site_year }年度より新しくありません。新しいフォルダーに取り込んでください。
import-cannot-swap = 新しい `content/` を置けません
