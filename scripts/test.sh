#!/usr/bin/env bash
# The one test command of the project.
#
#   scripts/test.sh
#
# From a fresh Debian machine (as root) to a full run, idempotent:
#   1. installs the Debian packages the browser tests need, if any is missing
#      (chromium, fonts-noto-cjk, poppler-utils; java and node too if absent)
#   2. npm ci --ignore-scripts (skipped when node_modules matches the lockfile)
#   3. cargo build --release
#   4. cargo nextest run --release (cargo test --release without nextest)
#   5. builds the bundled site into a fresh temp dir with target/release/hoshin, and a
#      two-edition site made by scripts/edition-fixture.sh (with the stand-alone
#      `hoshin compare` table in its compare-doc/ folder)
#   6. scripts/cross-test.sh: hoshin.exe cross-built for Windows, its unit tests and a
#      smoke test of the commands under Wine, a type-check for macOS (aarch64), the
#      release archives (see that script; it installs Debian's Rust, mingw-w64, Wine)
#   7. runs the browser tests on each: SITE_DIR=<tmp>/site node --test tests/browser/
# Exits non-zero if any step fails. A failing test step (4, 6 or 7) does not stop
# the later ones, so one run reports everything; the failures are listed at the end.
#
# Environment: KEEP_SITE=1 keeps the built site (its path is printed).
# Screenshots of the checked site land in tests/artifacts/screens/.

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

started=$SECONDS
section() {
  printf '\n==== %s ====\n' "$*"
}
elapsed() {
  printf '(%ss so far)\n' "$((SECONDS - started))"
}
failed=()
finish() {
  if ((${#failed[@]})); then
    section "FAILED: ${failed[*]}"
    exit 1
  fi
}

# ---------------------------------------------------------------------------
section "1/7 System packages"
need=(chromium fonts-noto-cjk poppler-utils)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v node >/dev/null 2>&1 || need+=(nodejs npm)
missing=()
for pkg in "${need[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "all present: ${need[*]}"
fi
command -v cargo >/dev/null 2>&1 || { echo "cargo is not installed (a Rust toolchain is required)" >&2; exit 1; }
echo "node $(node --version), npm $(npm --version), $(java -version 2>&1 | head -n1), $(/usr/bin/chromium --version 2>/dev/null)"

# ---------------------------------------------------------------------------
section "2/7 npm ci --ignore-scripts"
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.hoshin-lock.sha256
if [[ -f $stamp && $(cat "$stamp") == "$lock_hash" &&
      -f node_modules/vnu-jar/build/dist/vnu.jar &&
      -f node_modules/axe-core/axe.min.js &&
      -f node_modules/playwright-core/package.json ]]; then
  echo "node_modules is up to date with package-lock.json"
else
  # --ignore-scripts: vnu-jar's postinstall would try to download a Java runtime.
  npm ci --ignore-scripts --no-audit --no-fund
  echo "$lock_hash" >"$stamp"
fi
elapsed

# ---------------------------------------------------------------------------
section "3/7 cargo build --release"
cargo build --release --locked
elapsed

# ---------------------------------------------------------------------------
if cargo nextest --version >/dev/null 2>&1; then
  section "4/7 cargo nextest run --release"
  cargo nextest run --release --locked || failed+=("cargo-nextest")
  # nextest does not run doctests.
  cargo test --release --locked --doc || failed+=("doctests")
else
  section "4/7 cargo test --release (cargo-nextest not installed)"
  cargo test --release --locked || failed+=("cargo-test")
fi
elapsed

# ---------------------------------------------------------------------------
section "5/7 hoshin build (bundled site) into a fresh temp dir"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hoshin-test.XXXXXX")
if [[ ${KEEP_SITE:-} == 1 ]]; then
  trap 'echo "built sites kept in $tmp/site and $tmp/site-editions"' EXIT
else
  trap 'rm -rf "$tmp"' EXIT
fi
if ! target/release/hoshin build --out "$tmp/site"; then
  failed+=("hoshin-build")
  finish
fi
pages=$(find "$tmp/site" -name '*.html' | wc -l)
echo "built $pages HTML page(s) into $tmp/site"
# A site with two editions (older edition pages, the 新旧対照表 page) and the
# stand-alone table of `hoshin compare`, checked by the same browser tests.
scripts/edition-fixture.sh "$tmp/editions-src"
if ! target/release/hoshin build --root "$tmp/editions-src" --out "$tmp/site-editions" ||
   ! target/release/hoshin compare "$tmp/editions-src/editions/2025" "$tmp/editions-src" \
       --out "$tmp/site-editions/compare-doc"; then
  failed+=("hoshin-build-editions")
  finish
fi
pages=$(find "$tmp/site-editions" -name '*.html' | wc -l)
echo "built $pages HTML page(s) into $tmp/site-editions"
elapsed

# ---------------------------------------------------------------------------
section "6/7 Windows (cross-built, under Wine) and macOS (type-check): scripts/cross-test.sh"
bash scripts/cross-test.sh || failed+=("cross-test")
elapsed

# ---------------------------------------------------------------------------
section "7/7 browser tests (axe-core, keyboard, reflow, offline, Nu Html Checker)"
elapsed
# Last, so that the test runner's summary closes the output.
SITE_DIR="$tmp/site" node --test --test-reporter=spec tests/browser/ || failed+=("browser-tests")
section "7/7 browser tests on the two-edition site"
SITE_DIR="$tmp/site-editions" node --test --test-reporter=spec tests/browser/ || failed+=("browser-tests-editions")
finish
