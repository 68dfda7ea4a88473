# Messages of the source stage: English. Keep the ids the same in ja/source.ftl.
# Reading a site's files (src/input), dates (src/model), checking what they say (src/resolve)
# and the Markdown bodies (src/markdown).

## Reading the site's files (src/input/mod.rs, src/input/encoding.rs)

content-folder-missing = content folder not found: a site needs content/_index.md, content/topics.yaml, content/plans.yaml and one folder per chapter
# $error: the system's reason (English); $kind: not-found, permission-denied or other.
file-cannot-read = cannot read: { $error }
# $pointed: 1 when where the link points is known ($target), else 0.
symlink-in-content = symbolic link{ $pointed ->
        [0] {""}
       *[other] {" "}(it points to { $target })
    }: hoshin does not follow links in content/, so nothing outside the site can leak into it; put the file itself here
directive-outside-chapter = directive outside a chapter folder: move it into the folder of its chapter (e.g. content/1/)
folder-ignored = folder ignored: chapters hold directive files directly, without sub-folders
required-file-missing = required file is missing
config-title-unused = `title` in hoshin.yaml is not used: pages show the notice's title (content/_index.md), the one title to change each year; delete this line
file-too-big = file is { $size } bytes, more than the limit of { $limit } bytes (max_file_size in hoshin.yaml)
file-not-text = not valid text: the byte at offset { $offset } is neither UTF-8 nor Shift_JIS; save the file as UTF-8
file-legacy-encoding = file is encoded as { $encoding }, not UTF-8; it was decoded, but run `hoshin check --fix-encoding` to convert it
fix-encoding-cannot-create = cannot create { $path }
fix-encoding-cannot-write-backup = cannot write backup { $path }
fix-encoding-cannot-write = cannot write { $path }
fix-encoding-cannot-replace = cannot replace { $path }

## hoshin.yaml (src/input/config.rs)

config-theme-name = theme name '{ $theme }' must be a folder name under themes/ (letters, digits, - and _)
config-target-level = target_level '{ $level }' must be A, AA or AAA

## Dates (src/model/date.rs)

date-invalid-form = '{ $text }' is not a date in the form YYYY-MM-DD (e.g. 2026-04-01)
date-not-real = '{ $text }' is not a real calendar date

## Front matter and YAML (src/input/front_matter.rs)

front-matter-missing = missing front matter: the file must start with a line `---`, then YAML, then `---`
front-matter-unclosed = front matter opened here is never closed: add a line `---` after the YAML
# Full-width (全角) characters typed where YAML needs ASCII; $fixed: the line as it should be.
yaml-full-width-space = full-width (全角) space where YAML needs half-width: write `{ $fixed }`
yaml-full-width-digits = full-width (全角) digits where YAML needs half-width: write `{ $fixed }`
yaml-full-width-char = full-width (全角) '{ $char }' where YAML needs half-width: write `{ $fixed }`
# An id written as a number or boolean in YAML ($at, $path, $nested: as below).
yaml-id-number = { $at }{ $value } is written as a number; write ids as strings in quotes, e.g. "{ $value }"
yaml-id-decimal = { $at }{ $value } is written as a number (YAML reads 1.10 as 1.1, losing the 0); write ids as strings in quotes, e.g. "1.10"
yaml-id-boolean = { $at }{ $value } is read as a boolean; write ids as strings in quotes
# The YAML library's messages. English shows the library's own text: each of these must
# give exactly that text (else the library's text is shown as it is, see yaml-other).
# $at: the place in the YAML as the library writes it ("number: ", "bases[0].date: " or
# nothing); $place: the same in plain words for Japanese; $nested: 0 at the top of the
# YAML, else 1.
# The place in the YAML in plain words, for $place (Japanese only).
yaml-place-key = `{ $key }`
yaml-place-item = item { $number }
yaml-place-within = { $inner } of { $outer }
yaml-missing-field = { $at }missing field `{ $field }`
# $expected: the fields as the library lists them; $fields: the same, as a list.
yaml-unknown-field = { $at }unknown field `{ $field }`, expected { $expected }
yaml-unknown-field-did-you-mean = { $at }unknown field `{ $field }`, expected { $expected }; did you mean `{ $suggestion }`?
yaml-duplicate-field = { $at }duplicate field `{ $field }`
# $found, $expected: as the library writes them; $found_kind: empty, list, mapping or other,
# $found_value: the value written; $expected_kind: whole, integer, number, text, boolean,
# list, id, mapping or other.
yaml-invalid-type = { $at }invalid type: { $found }, expected { $expected }
yaml-invalid-value = { $at }invalid value: { $found }, expected { $expected }
yaml-syntax-flow-list = did not find expected ',' or ']'
yaml-syntax-flow-mapping = did not find expected ',' or '{"}"}'
yaml-syntax-colon = could not find expected ':'
yaml-syntax-colon-in-value = mapping values are not allowed in this context
yaml-syntax-key = did not find expected key
yaml-syntax-dash = did not find expected '-' indicator
yaml-syntax-token = found character that cannot start any token
yaml-syntax-tab = found a tab character that violates indentation
yaml-syntax-tab-indent = found a tab character where an indentation space is expected
yaml-syntax-end = found unexpected end of stream
yaml-syntax-no-value = did not find expected node content
yaml-syntax-control = control characters are not allowed
yaml-syntax-escape = found unknown escape character
yaml-syntax-list-here = block sequence entries are not allowed in this context
yaml-syntax-line-end = did not find expected comment or line break
yaml-more-documents = deserializing from YAML containing more than one document is not supported
# Any other message of the library ($detail), as it is.
yaml-other = { $detail }

## Ids, plans and the notice (src/resolve/parse.rs)

id-empty = id is empty
id-too-long = id '{ $id }' is longer than 64 characters
id-full-width = id '{ $id }' has full-width (全角) characters: write "{ $fixed }"
# $id, $char: the id and the character, escaped; $written, $char_written: as written;
# $kind: separator, nul or other.
id-bad-character = id '{ $id }' contains { $kind ->
        [separator] a path separator '{ $char }'
        [nul] a NUL character
       *[other] '{ $char }'
    }; ids may use only ASCII letters, digits, '-', '_' and '.' because they become file names
id-dots = id '{ $id }' starts or ends with a dot or contains '..'; it must be a plain file name
id-reserved = id '{ $id }' is a reserved device name on Windows file shares
plan-unknown = unknown plan '{ $id }' (plans are listed in content/plans.yaml)
plan-unknown-did-you-mean = unknown plan '{ $id }'; did you mean '{ $suggestion }'?
title-empty = title is empty
# $key: number or chapter.
starts-at-one = { $key } starts at 1
# $kind: topic or plan.
registry-duplicate-id = duplicate { $kind ->
        [topic] テーマ
       *[other] plan
    } id '{ $id }'
plan-empty-name = plan '{ $id }' has an empty name
plan-draft = plan '{ $id }' imported, not yet confirmed: check its id and name, then delete `draft: true`

## Checks across files (src/resolve/mod.rs)

chapter-number-duplicate = chapter number { $number } is also used by { $other }
directive-id-duplicate = duplicate id '{ $id }': also used by { $other }
directive-id-case = id '{ $id }' differs from '{ $other_id }' ({ $other }) only in letter case; they collide on Windows file shares
# $count: how many chapters there are; $known: their numbers; $list: the same for Japanese.
chapter-missing = chapter { $chapter } does not exist (chapters: { $count ->
        [0] none
       *[other] { $known }
    })
chapter-folder-mismatch = chapter { $chapter } does not match the folder, which holds chapter { $folder }
directive-number-duplicate = directive number { $chapter }({ $number }) is also used by { $other }
numbering-gap-at-start = numbering gap: chapter { $chapter } starts at ({ $number }); ({ $expected }) is missing
numbering-gap = numbering gap: { $chapter }({ $previous }) is followed by ({ $number }); ({ $expected }) is missing
sub-item-anchor-is-id = sub-item anchor '{ $anchor }' is also a directive id; rename one of them

## One directive's references and links (src/resolve/refs.rs)

# $check: caption-and-topics, caption, topics or all.
directive-draft = imported, not yet confirmed: check { $check ->
        [caption-and-topics] its caption and テーマ
        [caption] its caption
        [topics] its テーマ
       *[all] it
    }, then delete `draft: true`
# $known: the テーマ ids, with ", "; $list: the same for Japanese; $count: how many.
topic-unknown = unknown テーマ '{ $id }' (known: { $known })
topic-unknown-did-you-mean = unknown テーマ '{ $id }'; did you mean '{ $suggestion }'?
related-self = a directive cannot be related to itself
related-unknown = unknown directive id '{ $id }' in related
related-unknown-did-you-mean = unknown directive id '{ $id }' in related; did you mean '{ $suggestion }'?
sub-item-order = sub-item { $found } where { $expected } was expected: sub-items are numbered ①, ②, … in order
link-unknown-directive = link to unknown directive or sub-item '@{ $id }'
link-unknown-directive-did-you-mean = link to unknown directive or sub-item '@{ $id }'; did you mean '@{ $suggestion }'?
link-unknown-plan = link to unknown plan '@plan:{ $id }'
link-unknown-topic = link to unknown テーマ '@theme:{ $id }'
link-unknown-chapter = link to unknown chapter '@chapter:{ $chapter }'

## Markdown bodies (src/markdown/mod.rs)

link-full-width-at = link target '{ $target }' starts with a full-width (全角) '＠': write ({ $fixed })
link-missing-at = link target '{ $target }' looks like a directive's id but has no '@', so it leads nowhere: write (@{ $fixed })
link-not-allowed = link target '{ $target }' is not allowed (only @id, relative, http(s), mailto and tel links)
link-to-source-file = link to a source file '{ $target }': link directives by id instead, e.g. [text](@3-2)
image-not-allowed = image source '{ $source }' is not allowed
image-external = image '{ $source }' is on another server; the intranet site must not load anything from outside: put the file in static/
heading-attributes = heading attributes like `{"{"}key=value{"}"}` are not allowed; they are left out
raw-html = raw HTML is not allowed in content; it is shown as plain text
