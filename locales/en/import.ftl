# Messages of the import stage: English. Keep the ids the same in ja/import.ftl.

## The report (printed and written to import-report.txt)

import-report-source = source: { $name }
import-report-title = title: { $title }
import-report-date = date: { $date }
import-report-date-not-found = (not found)
import-report-chapters = chapters: { $count }
import-report-directives = directives: { $count }
import-report-sub-items = sub-items: { $count }
import-report-plans = plans: { $count }
import-report-renumbered = sub-items are numbered ①, ②.
import-report-not-plans = quoted, not taken as plans: { $names }
# Between the names or ids of a list in the report.
import-report-list-separator = {", "}
import-report-unplaced = text not placed: { $count }
import-report-why = ({ $why })
import-report-to-do = to do: check each directive's caption and テーマ and the plans in plans.yaml, then delete the `draft: true` lines. `hoshin check` warns about what is left.
import-report-continued = continued: { $count }
import-report-new = new (draft): { $count }
import-report-removed = removed: { $ids }
import-report-none = none

## Why a line of the document was not placed (listed in the report)

import-unplaced-no-directive = numbered below a directive, but no directive came before it
import-unplaced-no-chapter = no chapter to put it in
import-unplaced-heading-line = a line of the notice's heading that is not its date, addressee, issuer or title

## Errors

import-cannot-read = cannot read { $path }
import-docx-unreadable = not a readable Word document (.docx)
import-not-docx = not a Word document (.docx): { $error }
import-not-text = { $path }: not text in UTF-8, Shift_JIS or UTF-16 (byte { $byte })
import-unknown-type = { $path }: hoshin imports .docx, .txt and .md files
import-not-empty = { $path } is not empty: import writes a new site into an empty folder
import-no-chapters = { $path }: found no numbered chapters (1. / 第1 / １) in the document
import-cannot-create = cannot create { $path }
import-cannot-write = cannot write { $path }
import-site-has-errors = { $root } has errors: fix them before importing next year's document
import-not-newer = { $path }: the document is for fiscal year { $year }, not newer than the site's { $site_year }; import it into a new folder instead
import-cannot-swap = cannot put the new content/ in place
