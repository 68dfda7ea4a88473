# Messages of the command line and of every report: English.
# A message is `id = text`; `{ $name }` puts in a value. Keep the ids the same in ja/cli.ftl.

compare-old-not-older = the old edition is for fiscal year { $old }, not older than the new one's { $new }: give the older edition first (hoshin compare OLD_ROOT NEW_ROOT)
cli-usage-error = the command line is not right: see `hoshin --help`
severity-error = error
severity-warning = warning
errors-found = { $count ->
        [one] 1 error found
       *[other] { $count } errors found
    }
errors-and-warnings-found = { $count ->
        [one] 1 error found
       *[other] { $count } errors found
    } ({ $warnings ->
        [one] 1 warning
       *[other] { $warnings } warnings
    })

## Summaries and progress of the commands

build-done = built { $pages } pages ({ $directives } directives) into { $out } in { $ms } ms
build-failed = build failed; { $out } was left unchanged
watch-wrote = wrote { $out }; watching for changes (Ctrl+C to stop)
watch-kept = { $out } was left as it was; fix the files above and save
rebuild-done = built { $directives } directives: { $changed } files changed, { $removed } removed in { $ms } ms
check-converted = converted { $path } from { $encoding } to UTF-8 (original kept as { $backup })
check-ok = ok: { $directives } directives in { $chapters } chapters, { $topics } テーマ, { $plans } plans; no errors
compare-failed = compare failed; { $out } was left unchanged
compare-done = { $summary }; wrote { $html } and { $json } in { $ms } ms
compare-identical = compared { $editions }: no changes (変更なし)
compare-changes = compared { $editions }: { $changed } changed ({ $renumbered } renumbered), { $added } added, { $removed } removed, { $unchanged } unchanged directives
edition-started = started the edition of fiscal year { $year }: last year's content is kept in { $kept }; edit content/, then `hoshin build` shows the 新旧対照表
import-done = imported { $file } into { $into } (report: { $report })
init-done = made a new site for fiscal year { $year } ({ $label }) in { $dir }:
init-replace = it is an example: replace each ○○ and the example text with your department's policy
init-next = next: `{ $serve }` shows the site in your browser and updates it as you save; `{ $build }` writes it into { $dist }
init-not-empty = { $path } is not empty: init makes a new site in a folder that does not exist or is empty; name a new folder (e.g. `hoshin init r8-site`)
pdf-command-failed = pdf failed; { $out } was left unchanged
pdf-wrote = wrote { $file } ({ $size }) in { $seconds } s
pdf-compare-wrote = { $summary }; wrote { $file } ({ $size }) in { $seconds } s
pdf-size = { $kib } KiB
pdf-size-pages = { $pages } pages, { $kib } KiB
pdf-no-theme = no テーマ with id '{ $id }'; the テーマ are: { $ids }
pdf-no-temporary-folder = cannot create a temporary folder

## The output folder

output-refused-file-system-root = refusing to write the site to { $out }: it is the file system root
output-refused-site-root = refusing to write the site to { $out }: it is the site root or one of its parent folders
output-refused-inside = refusing to write the site to { $out }: it is inside the site's { $folder }/ folder
output-refused-home = refusing to write the site to { $out }: it is your home folder
output-refused-symlink = refusing to write the site to { $out }: it is a symbolic link
output-refused-not-folder = refusing to write the site to { $out }: it exists and is not a folder
output-refused-foreign = refusing to replace { $out }: the folder is not empty and was not created by hoshin (no { $marker } file in it); choose another --out or empty it yourself
output-refused-file = refusing to write output file { $path }: not a plain relative path
output-cannot-inspect = cannot inspect { $path }
output-cannot-read = cannot read { $path }
output-cannot-resolve = cannot resolve { $path }
output-cannot-create-lock = cannot create lock file { $path }
output-cannot-lock = cannot lock { $path }
output-waiting = waiting for another hoshin build of { $out } to finish…
output-no-folder-name = output path { $out } has no folder name
output-no-parent = output path has no parent
output-cannot-create = cannot create { $path }
output-cannot-write-in = cannot write in { $path }
output-cannot-write = cannot write { $path }
output-cannot-move-in = cannot move the new site into { $out }
output-cannot-swap-in = cannot swap the new site into { $out }
output-cannot-move-aside = cannot move { $out } aside
output-cannot-remove = cannot remove { $path }
output-file-in-use = { $path } is open in another program (an editor, a viewer, a virus scanner or a web server); close it and try again
output-not-removing = not removing { $path }: it has no { $marker } marker, so it may not be hoshin's
output-not-updating = not updating { $path }: it has no { $marker } marker, so it may not be hoshin's
output-file-no-folder = output file has no folder
output-file-no-name = output file has no name

## The preview server (hoshin serve) and watching files

serve-public = listening on { $bind }: anyone who can reach this machine can read the preview; use --bind 127.0.0.1 to keep it private
serve-serving = serving the site at http://{ $address }/ (press Ctrl+C to stop)
serve-kept = still serving the last good site; fix the files above and save
serve-cannot-start = cannot start the server runtime
serve-cannot-listen = cannot listen on { $address }
serve-stopped = server stopped
serve-get-and-head-only = This server accepts only GET and HEAD.
serve-bad-path = Not a valid path.
serve-not-found = Page not found.
# The page shown in the browser before any build has succeeded.
serve-no-site-title = Build errors
serve-no-site-heading = The site cannot be shown yet
serve-no-site-text = The build found errors; they are shown over this page. Fix the files and save, and this page updates by itself.
# The box showing the errors over the page in the browser.
serve-overlay-title = { $count ->
        [one] Build error (1)
       *[other] Build errors ({ $count })
    }
serve-overlay-summary = This is the last page that was built without errors. Fix the files and save, and the page updates by itself.
serve-overlay-close = Close
watch-cannot-watch-files = cannot watch files
watch-cannot-watch = cannot watch { $path }
watch-failed = file watching: { $error }

# The English --help is the doc comments in src/cli.rs; only Japanese has help-* and clap-*.
