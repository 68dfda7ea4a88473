# Messages of the render stage: English. Keep the ids the same in ja/render.ftl.

## The theme and its templates (src/render/skin.rs)

theme-not-found = theme '{ $theme }' not found: no folder themes/{ $theme }/ (set `theme` in hoshin.yaml)
theme-template-missing = the theme has no template '{ $template }'
theme-cannot-read = cannot read: { $error }
template-not-utf8 = template is not valid UTF-8
template-error = template error: { $message }

## Editions (src/editions/)

edition-no-content = edition folder '{ $dir }' has no content/ folder: list folders that hold an older edition's content/ (e.g. editions/2025 holding editions/2025/content/)
edition-is-site-itself = edition folder '{ $dir }' is the site itself: its content/ is already the newest edition
edition-not-older = edition '{ $dir }' is for fiscal year { $year }, not older than the site's own content/ ({ $site_year }): content/ must hold the newest edition
edition-same-year = editions '{ $other }' and '{ $dir }' are both for fiscal year { $year }: list one edition per year
edition-archived-already = { $path } exists already: an edition of { $year } is archived there
edition-site-has-errors = { $root } has errors: fix them before starting the next edition
edition-cannot-read = cannot read { $path }
edition-cannot-copy = cannot copy { $path }
edition-cannot-archive = cannot archive content/

## PDF (src/print/pdf.rs)

pdf-chromium-not-at = Chromium not found at { $path }: no such executable file. { $hint }, or pass the path of a Chromium or Chrome executable with --chromium
pdf-chromium-not-on-path = Chromium not found: none of { $names } is on PATH. { $hint }, or pass its path with --chromium
pdf-cannot-create = cannot create { $path }
pdf-cannot-write = cannot write { $path }
pdf-no-such-page = the site has no page { $page }
pdf-cannot-make-temp = cannot create a temporary folder for Chromium
pdf-cannot-start = cannot start Chromium ({ $path })
pdf-timed-out = Chromium did not finish within { $seconds } s and was stopped ({ $path })
pdf-cannot-wait = cannot wait for Chromium
pdf-failed = Chromium failed ({ $status }) printing { $path }
pdf-no-pdf = Chromium exited without writing a PDF
pdf-not-a-pdf = Chromium wrote something that is not a PDF
# Put before the last lines Chromium printed, after one of the messages above.
pdf-install-hint-linux = Install it with `apt-get install chromium fonts-noto-cjk`
pdf-install-hint-windows = Install Google Chrome, or repair Microsoft Edge (part of Windows 10 and 11)
pdf-install-hint-macos = Install Google Chrome or Chromium into Applications
pdf-chromium-said = ; Chromium said:
