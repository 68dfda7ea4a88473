#!/usr/bin/env bash
# Benchmarks hoshin on generated corpora: see BENCHMARKS.md.
#
#   scripts/bench.sh [--hugo] [--breakdown] [--runs R] [--sizes "1000 10000 50000"]
#
# For each size N: generates a corpus of N directives (examples/gen_corpus.rs, cached in
# $BENCH_DIR), then runs R times each, and reports medians:
#   build  `hoshin build` into a fresh output folder (clean build, everything written)
#   rebuild  `hoshin build` again into that folder, sources unchanged (unchanged files are
#          hard-linked from the previous output, then swapped in atomically)
#   check  `hoshin check` (no output)
#   floor  examples/floor.rs: read, front matter + YAML, pulldown-cmark, one HTML per
#          file, rayon; no templates, no links, no indexes
#   hugo   (with --hugo) the same corpus as a minimal Hugo site, see hugo_site below
#   breakdown  (with --breakdown) clean builds that leave outputs out (HOSHIN_BENCH_OMIT,
#          src/timing.rs), in the same rounds: what each output costs in a whole build,
#          and how far the build is from the floor without it. A second table.
# Wall time comes from `date`, CPU time (user+sys) and peak RSS from /usr/bin/time. CPU
# time is the figure to trust on a busy machine: wall time there mostly measures the
# neighbours. `uptime` is printed before and after.
#
# Outputs of earlier runs are moved aside (into $BENCH_DIR/trash), not deleted, and the
# trash is deleted when the benchmark ends: on ext4 without a journal (this machine's
# disk), creating files soon after deleting thousands of others is several times slower
# (ext4 skips recently freed inodes, looking each one up; here for up to a few minutes),
# which measured the deletion of the previous run's output, not the build. For the same
# reason, start a benchmark on ext4 a few minutes after the last one. See BENCHMARKS.md.
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=3
SIZES="1000 10000 50000"
HUGO=0
BREAKDOWN=0
while [ $# -gt 0 ]; do
    case "$1" in
        --hugo) HUGO=1 ;;
        --breakdown) BREAKDOWN=1 ;;
        --runs) RUNS="$2"; shift ;;
        --sizes) SIZES="$2"; shift ;;
        -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
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
cargo build --profile release-lto --quiet --bin hoshin --example gen_corpus --example floor
HOSHIN="${HOSHIN:-$PWD/target/release-lto/hoshin}"  # HOSHIN=/path/to/old/hoshin compares builds
GEN="$PWD/target/release-lto/examples/gen_corpus"
FLOOR="$PWD/target/release-lto/examples/floor"

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

# The builds of --breakdown: "name|HOSHIN_BENCH_OMIT value|what is built".
VARIANTS=(
    "pages|print,json,search|the pages only: directives, chapters, テーマ, plans, home, indexes"
    "search|print,json|the pages and the search index (the issue's list)"
    "extracts|extracts|everything but the テーマ print extracts"
    "json|json|everything but policy.json"
)

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
header="| N | pages | build wall ms | build wall min–max ms | build CPU ms | pages/s | build peak RSS MB | rebuild wall ms | check wall ms | check CPU ms | floor wall ms | floor CPU ms | build/floor wall | build/floor CPU |"
rule="|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
if [ "$HUGO" = 1 ]; then
    header="$header hugo wall ms | hugo CPU ms | hugo/hoshin wall | hugo/hoshin, lowest of a round |"
    rule="$rule---|---|---|---|"
fi
rows=()
parts=()
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
        measure "$m.rebuild" "$HOSHIN" build --root "$corpus" --out "$BENCH_DIR/out-$n"
        measure "$m.check" "$HOSHIN" check --root "$corpus"
        measure "$m.floor" "$FLOOR" "$corpus" "$BENCH_DIR/floor-$n"
        if [ "$HUGO" = 1 ]; then
            measure "$m.hugo" hugo --quiet --source "$BENCH_DIR/hugo-$n" \
                --destination "$BENCH_DIR/hugo-out-$n"
        fi
        if [ "$BREAKDOWN" = 1 ]; then
            for v in "${VARIANTS[@]}"; do
                IFS='|' read -r name omit _ <<<"$v"
                discard "$BENCH_DIR/part-$n"
                HOSHIN_BENCH_OMIT="$omit" measure "$m.part-$name" "$HOSHIN" build \
                    --root "$corpus" --out "$BENCH_DIR/part-$n"
            done
        fi
    done
    pages=$(find "$BENCH_DIR/out-$n" -name '*.html' | wc -l)
    bw=$(median 1 "$m.build.runs"); bc=$(median 2 "$m.build.runs"); br=$(median 3 "$m.build.runs")
    rw=$(median 1 "$m.rebuild.runs")
    cw=$(median 1 "$m.check.runs"); cc=$(median 2 "$m.check.runs")
    fw=$(median 1 "$m.floor.runs"); fc=$(median 2 "$m.floor.runs")
    bx=$(range 1 "$m.build.runs")
    row=$(awk -v n="$n" -v p="$pages" -v bw="$bw" -v bx="$bx" -v bc="$bc" -v br="$br" -v rw="$rw" \
        -v cw="$cw" -v cc="$cc" -v fw="$fw" -v fc="$fc" 'BEGIN {
        printf "| %d | %d | %d | %s | %d | %d | %d | %d | %d | %d | %d | %d | %.2f | %.2f |", n, p, bw, bx,
            bc, p / (bw / 1000), br / 1024, rw, cw, cc, fw, fc, bw / fw, bc / fc }')
    if [ "$HUGO" = 1 ]; then
        hw=$(median 1 "$m.hugo.runs"); hc=$(median 2 "$m.hugo.runs")
        hl=$(lowest_ratio "$m.hugo.runs" "$m.build.runs")
        row="$row$(awk -v hw="$hw" -v hc="$hc" -v bw="$bw" -v hl="$hl" \
            'BEGIN { printf " %d | %d | %.1f | %s |", hw, hc, hw / bw, hl }')"
        discard "$BENCH_DIR/hugo-out-$n"
    fi
    rows+=("$row")
    echo "$row" >&2
    if [ "$BREAKDOWN" = 1 ]; then
        parts+=("$(awk -v n="$n" -v bw="$bw" -v bc="$bc" -v br="$br" -v fw="$fw" 'BEGIN {
            printf "| %d | everything (the clean build above) | | %d | %d | %d | %.2f | |", n, bw, bc, br / 1024, bw / fw }')")
        for v in "${VARIANTS[@]}"; do
            IFS='|' read -r name omit what <<<"$v"
            pw=$(median 1 "$m.part-$name.runs"); pc=$(median 2 "$m.part-$name.runs")
            pr=$(median 3 "$m.part-$name.runs")
            parts+=("$(awk -v n="$n" -v what="$what" -v omit="$omit" -v pw="$pw" -v pc="$pc" \
                -v pr="$pr" -v bw="$bw" -v fw="$fw" 'BEGIN {
                printf "| %d | %s | %s | %d | %d | %d | %.2f | %d |", n, what, omit, pw, pc,
                    pr / 1024, pw / fw, bw - pw }')")
        done
        discard "$BENCH_DIR/part-$n"
    fi
    discard "$BENCH_DIR/out-$n" "$BENCH_DIR/floor-$n"
done
echo "$header"
echo "$rule"
printf '%s\n' "${rows[@]}"
if [ "$BREAKDOWN" = 1 ]; then
    echo
    echo "| N | build | HOSHIN_BENCH_OMIT | wall ms | CPU ms | peak RSS MB | wall/floor | what is left out costs, wall ms |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${parts[@]}"
fi
echo "# load after: $(uptime)"
