#!/usr/bin/env bash
# Benchmarks hoshin on generated corpora: see BENCHMARKS.md.
#
#   scripts/bench.sh [--hugo] [--runs R] [--sizes "1000 10000"] [--edits E]
#
# For each size N: generates a corpus of N directives (examples/gen_corpus.rs, cached in
# $BENCH_DIR), then runs R times each, and reports medians:
#   build  `hoshin build` into a fresh output folder (clean build, everything written)
#   check  `hoshin check` (everything rendered in memory, nothing written)
#   floor  examples/floor.rs: read, front matter + YAML, pulldown-cmark, one HTML per
#          file, rayon; no templates, no links, no indexes
#   hugo   (with --hugo) the same corpus as a minimal Hugo site, see hugo_site below,
#          run in the same rounds as the build (paired runs)
#   edit   examples/bench_watch.rs: E edits of one directive under `hoshin build --watch`,
#          from the save to `dist/` written, measured from outside the process; also for
#          the bundled policy
# Wall time comes from `date`, CPU time (user+sys) and peak RSS from /usr/bin/time.
#
# Outputs of earlier runs are moved aside (into $BENCH_DIR/trash), not deleted, and the
# trash is deleted when the benchmark ends: on ext4 without a journal (this machine's
# disk), creating files soon after deleting thousands of others is several times slower,
# which measured the deletion of the previous run's output, not the build.
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=3
SIZES="1000 10000"
HUGO=0
EDITS=20
while [ $# -gt 0 ]; do
    case "$1" in
        --hugo) HUGO=1 ;;
        --edits) EDITS="$2"; shift ;;
        --runs) RUNS="$2"; shift ;;
        --sizes) SIZES="$2"; shift ;;
        -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
BENCH_DIR="${BENCH_DIR:-$PWD/target/bench}"
mkdir -p "$BENCH_DIR"
# The trash of an interrupted run, if any, goes with this run's, at the end.
TRASH="$BENCH_DIR/trash"
trap 'rm -rf "$TRASH"' EXIT

# discard DIR...: moves the folders that exist into the trash (see the top of this file).
discard() {
    local dir
    for dir in "$@"; do
        if [ -e "$dir" ]; then
            mkdir -p "$TRASH"
            mv "$dir" "$(mktemp -d "$TRASH/XXXXXX")/"
        fi
    done
}

if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (apt-get install time)" >&2
    apt-get install -y -qq time >/dev/null
fi
if [ "$HUGO" = 1 ] && ! command -v hugo >/dev/null; then
    echo "installing hugo (apt-get install hugo)" >&2
    apt-get install -y -qq hugo >/dev/null
fi

# The shipped profile (whole-program optimisation), for hoshin and the floor alike.
cargo build --profile release-lto --quiet --bin hoshin --example gen_corpus --example floor --example bench_watch
HOSHIN="${HOSHIN:-$PWD/target/release-lto/hoshin}"  # HOSHIN=/path/to/old/hoshin compares builds
GEN="$PWD/target/release-lto/examples/gen_corpus"
FLOOR="$PWD/target/release-lto/examples/floor"
WATCH="$PWD/target/release-lto/examples/bench_watch"

# measure OUT_PREFIX CMD...: one run; appends "wall_ms cpu_ms rss_kb" to $OUT_PREFIX.runs
measure() {
    local prefix="$1"; shift
    local t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -f "%U %S %M" -o "$prefix.time" "$@" >/dev/null 2>"$prefix.err" || {
        echo "failed: $*" >&2; cat "$prefix.err" >&2; exit 1; }
    t1=$(date +%s%N)
    read -r user sys rss <"$prefix.time"
    awk -v w=$(( (t1 - t0) / 1000000 )) -v u="$user" -v s="$sys" -v r="$rss" \
        'BEGIN { printf "%d %d %d\n", w, (u + s) * 1000, r }' >>"$prefix.runs"
}

# median COLUMN FILE
median() {
    cut -d' ' -f"$1" "$2" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

# range COLUMN FILE: "lowest–highest"
range() {
    cut -d' ' -f"$1" "$2" | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%d–%d", lo, hi }'
}

# lowest_ratio FILE_A FILE_B: the lowest A/B of wall times run in the same round
lowest_ratio() {
    paste -d' ' <(cut -d' ' -f1 "$1") <(cut -d' ' -f1 "$2") |
        awk 'NR == 1 || $1 / $2 < lo { lo = $1 / $2 } END { printf "%.1f", lo }'
}

# hugo_site CORPUS SITE: the corpus as a minimal Hugo site. Mapping: content/_index.md →
# home, content/<c>/_index.md → a section (chapter list page), content/<c>/<c>-<m>.md →
# a page in it; front matter is YAML already and `themes:` becomes the Hugo taxonomy
# `themes` (term and taxonomy pages). topics.yaml and plans.yaml are not content for Hugo
# and are left out; `@id` links stay as they are. Templates: single (title, body, テーマ
# links, and as hoshin's chapter navigation up to 15 of the chapter's pages around the page
# with a link to the chapter), list (home, sections, terms, taxonomies).
hugo_site() {
    local corpus="$1" site="$2"
    discard "$site"
    mkdir -p "$site/layouts/_default"
    cp -a "$corpus/content" "$site/content"
    find "$site/content" -type f ! -name '*.md' -delete
    cat >"$site/hugo.yaml" <<'EOF'
baseURL: /
languageCode: ja
disableKinds: [RSS, sitemap, robotsTXT]
taxonomies:
  theme: themes
markup:
  goldmark:
    renderer:
      unsafe: false
EOF
    cat >"$site/layouts/_default/single.html" <<'EOF'
<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>{{ .Title }}｜{{ site.Title }}</title></head><body>
<nav><a href="{{ "/" | relURL }}">目次</a></nav>
<main><h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .GetTerms "themes" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></main>
{{ $pages := .CurrentSection.Pages }}{{ $n := len $pages }}{{ $at := 0 }}{{ range $i, $p := $pages }}{{ if eq $p.RelPermalink $.RelPermalink }}{{ $at = $i }}{{ end }}{{ end }}{{ $start := 0 }}{{ if gt $n 15 }}{{ $start = math.Min (math.Max 0 (sub $at 7)) (sub $n 15) }}{{ end }}
<nav><ol>{{ range first 15 (after (int $start) $pages) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol>{{ if gt $n 15 }}<a href="{{ .CurrentSection.RelPermalink }}">すべて（{{ $n }}件）</a>{{ end }}</nav>
</body></html>
EOF
    cat >"$site/layouts/_default/list.html" <<'EOF'
<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>{{ .Title }}｜{{ site.Title }}</title></head><body>
<main><h1>{{ .Title }}</h1>{{ .Content }}
<ol>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></main>
</body></html>
EOF
}

echo "# hoshin benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $RUNS runs per figure (medians)"
echo "# load before: $(uptime)"
header="| N | pages | build wall ms | build wall min–max ms | build CPU ms | build peak RSS MB | check wall ms | floor wall ms | edit → dist/ median ms |"
rule="|---|---|---|---|---|---|---|---|---|"
if [ "$HUGO" = 1 ]; then
    header="$header hugo wall ms | hugo CPU ms | hugo/hoshin wall | hugo/hoshin, lowest of a round |"
    rule="$rule---|---|---|---|"
fi
rows=()
for n in $SIZES; do
    corpus="$BENCH_DIR/corpus-$n"
    if [ ! -f "$corpus/content/_index.md" ]; then
        rm -rf "$corpus"
        "$GEN" "$n" "$corpus" >&2
    fi
    m="$BENCH_DIR/m-$n"
    rm -f "$m".*.runs
    [ "$HUGO" = 1 ] && hugo_site "$corpus" "$BENCH_DIR/hugo-$n"
    for _ in $(seq "$RUNS"); do
        discard "$BENCH_DIR/out-$n" "$BENCH_DIR/floor-$n" "$BENCH_DIR/hugo-out-$n"
        measure "$m.build" "$HOSHIN" build --root "$corpus" --out "$BENCH_DIR/out-$n"
        measure "$m.check" "$HOSHIN" check --root "$corpus"
        measure "$m.floor" "$FLOOR" "$corpus" "$BENCH_DIR/floor-$n"
        if [ "$HUGO" = 1 ]; then
            measure "$m.hugo" hugo --quiet --source "$BENCH_DIR/hugo-$n" \
                --destination "$BENCH_DIR/hugo-out-$n"
        fi
    done
    pages=$(find "$BENCH_DIR/out-$n" -name '*.html' | wc -l)
    bw=$(median 1 "$m.build.runs"); bc=$(median 2 "$m.build.runs"); br=$(median 3 "$m.build.runs")
    cw=$(median 1 "$m.check.runs"); cc=$(median 2 "$m.check.runs")
    fw=$(median 1 "$m.floor.runs"); fc=$(median 2 "$m.floor.runs")
    bx=$(range 1 "$m.build.runs")
    edit=$("$WATCH" "$HOSHIN" "$corpus" "$EDITS" | sed -n 's/.*median \([0-9]*\) ms.*/\1/p')
    row=$(awk -v n="$n" -v p="$pages" -v bw="$bw" -v bx="$bx" -v bc="$bc" -v br="$br" \
        -v cw="$cw" -v fw="$fw" -v e="$edit" 'BEGIN {
        printf "| %d | %d | %d | %s | %d | %d | %d | %d | %s |", n, p, bw, bx, bc, br / 1024, cw,
            fw, e }')
    if [ "$HUGO" = 1 ]; then
        hw=$(median 1 "$m.hugo.runs"); hc=$(median 2 "$m.hugo.runs")
        hl=$(lowest_ratio "$m.hugo.runs" "$m.build.runs")
        row="$row$(awk -v hw="$hw" -v hc="$hc" -v bw="$bw" -v hl="$hl" \
            'BEGIN { printf " %d | %d | %.1f | %s |", hw, hc, hw / bw, hl }')"
        discard "$BENCH_DIR/hugo-out-$n"
    fi
    rows+=("$row")
    echo "$row" >&2
    discard "$BENCH_DIR/out-$n" "$BENCH_DIR/floor-$n"
done
echo "$header"
echo "$rule"
printf '%s\n' "${rows[@]}"
# The bundled policy (19 directives), edited in a copy.
bundled="$BENCH_DIR/bundled"
discard "$bundled"
mkdir -p "$bundled" && cp -a hoshin.yaml content "$bundled/"
echo "bundled policy: $("$WATCH" "$HOSHIN" "$bundled" "$EDITS")"
echo "# load after: $(uptime)"
