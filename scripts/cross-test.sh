#!/usr/bin/env bash
# The Windows and macOS checks of the test command (scripts/test.sh runs this as a step).
#
#   scripts/cross-test.sh
#
# From a fresh Debian 12 machine (as root) to a full run, idempotent:
#   1. installs the Debian packages, if any is missing: rustc-web, cargo-web and
#      rust-web-src (Debian's Rust with the standard library's sources, to build std
#      for targets rustup has not installed here), the mingw-w64 C compiler (win32
#      threads) as Windows linker, wine64 and curl
#   2. builds scripts/wine/bcryptprimitives.c (a stand-in for a DLL Wine 8.0 lacks, see
#      the file) and makes a headless Wine prefix in target/cross/wine with it
#   3. cross-builds target/cross/x86_64-pc-windows-gnu/release/hoshin.exe with Debian's
#      cargo and rustc, building std from source (-Zbuild-std)
#   4. runs the crate's unit tests (cargo test --lib) as a Windows program under Wine
#   5. runs hoshin.exe under Wine on the bundled site: `check`; `build`, byte-identical to
#      the Linux build of target/release/hoshin; `build --watch` picking up an edit;
#      `serve` answering on 127.0.0.1; `init` making a site that checks and builds
#   6. type-checks the crate for aarch64-apple-darwin (cargo check; no Apple linker here)
#   7. packs the release archives from the binaries of step 3 and of scripts/test.sh and
#      checks them (scripts/release.sh with RELEASE_LINUX=gnu, into target/cross/)
# Exits non-zero if any step fails; a failing step does not stop the later ones (except
# that nothing runs hoshin.exe once its build failed). Each step prints its time.
#
# The rustup toolchain stays first on PATH: Debian's tools are called by absolute path
# (/usr/bin/cargo with RUSTC=/usr/bin/rustc), into their own target dir, target/cross/.
# Environment: CROSS_STEPS="1 2 3" runs only those steps (4-6 need 2 and 3; 5 needs
# target/release/hoshin, built here if missing); KEEP_SITE=1 keeps the temp folder.

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/cross-env.sh
source scripts/cross-env.sh

started=$SECONDS
step_started=$SECONDS
section() {
  step_started=$SECONDS
  printf '\n---- cross %s ----\n' "$*"
}
took() {
  printf '(cross %s: %ss; %ss so far)\n' "$1" "$((SECONDS - step_started))" "$((SECONDS - started))"
}
wanted() {
  [[ -z ${CROSS_STEPS:-} || " $CROSS_STEPS " == *" $1 "* ]]
}
failed=()

win=x86_64-pc-windows-gnu
mac=aarch64-apple-darwin
exe=$cross_dir/$win/release/hoshin.exe

# Wine: its own prefix inside target/, no X display, quiet, the stand-in DLL as native.
export WINEPREFIX=$cross_dir/wine
export WINEDEBUG=-all
export WINEDLLOVERRIDES="bcryptprimitives=n;mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY

# ---------------------------------------------------------------------------
if wanted 1; then
  section "1/7 Debian packages (Rust with std sources, mingw-w64, Wine)"
  cross_apt_install rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64-win32 wine64 curl
  echo "$("$deb_cargo" --version); $(/usr/bin/rustc --version); $("$wine" --version)"
  took 1/7
fi

# ---------------------------------------------------------------------------
wine_ready=0
if wanted 2; then
  section "2/7 bcryptprimitives.dll stand-in and the Wine prefix"
  dll=$cross_dir/wine-dll/bcryptprimitives.dll
  src=scripts/wine/bcryptprimitives.c
  mkdir -p "$(dirname "$dll")"
  if [[ ! -f $dll || $src -nt $dll ]]; then
    x86_64-w64-mingw32-gcc -O2 -Wall -Werror -shared -s -o "$dll" "$src" -ladvapi32
  fi
  system32=$WINEPREFIX/drive_c/windows/system32
  if [[ ! -f $WINEPREFIX/system.reg ]]; then
    echo "making the Wine prefix $WINEPREFIX"
    mkdir -p "$WINEPREFIX"
    "$wine" wineboot --init >/dev/null 2>&1 || true
    "$wineserver" --wait || true
  fi
  if [[ -d $system32 ]] && cp "$dll" "$system32/bcryptprimitives.dll"; then
    wine_ready=1
    echo "Wine prefix ready; $(basename "$dll") in $system32"
  else
    echo "no Wine prefix at $WINEPREFIX" >&2
    failed+=("cross-wine-prefix")
  fi
  took 2/7
else
  [[ -f $WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll ]] && wine_ready=1
fi

# ---------------------------------------------------------------------------
exe_ready=0
if wanted 3; then
  section "3/7 cargo build --release --target $win (std built from source)"
  if cross_cargo build --release --locked --target "$win" "${build_std[@]}" --bin hoshin; then
    exe_ready=1
    ls -l "$exe"
  else
    failed+=("cross-build-windows")
  fi
  took 3/7
else
  [[ -f $exe ]] && exe_ready=1
fi

# ---------------------------------------------------------------------------
if wanted 4; then
  section "4/7 unit tests (cargo test --lib) under Wine"
  if ((wine_ready)); then
    cross_cargo test --release --locked --target "$win" "${build_std[@]}" --lib ||
      failed+=("cross-unit-tests-wine")
  else
    echo "skipped: no Wine prefix"
    failed+=("cross-unit-tests-wine")
  fi
  "$wineserver" --kill 2>/dev/null || true
  took 4/7
fi

# ---------------------------------------------------------------------------
# A Unix path as Windows sees it under Wine (drive Z: is the Unix root).
winpath() {
  printf 'Z:%s' "${1//\//\\}"
}
# Runs hoshin.exe under Wine in English.
hoshin_exe() {
  LANG=C.UTF-8 LC_ALL="" "$wine" "$exe" --lang en "$@"
}
# Waits up to $1 seconds for the command in the other arguments to succeed.
wait_for() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    if ((SECONDS >= deadline)); then return 1; fi
    sleep 0.5
  done
}
bg_pids=()
stop_bg() {
  local pid
  for pid in "${bg_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  bg_pids=()
  "$wineserver" --kill 2>/dev/null || true
}

if wanted 5; then
  section "5/7 hoshin.exe under Wine: check, build, build --watch, serve, init"
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/hoshin-cross.XXXXXX")
  if [[ ${KEEP_SITE:-} == 1 ]]; then
    trap 'stop_bg; echo "kept $tmp"' EXIT
  else
    trap 'stop_bg; rm -rf "$tmp"' EXIT
  fi
  smoke() {
    local name=$1
    shift
    local t=$SECONDS
    if "$@"; then
      echo "ok: $name ($((SECONDS - t))s)"
    else
      echo "FAILED: $name" >&2
      failed+=("cross-wine-$name")
    fi
    stop_bg
  }
  # A copy of the bundled site, as the integration tests make it.
  copy_site() {
    mkdir -p "$1"
    cp -R hoshin.yaml content themes "$1/"
  }

  smoke_check() {
    copy_site "$tmp/check"
    hoshin_exe check --root "$(winpath "$tmp/check")"
  }
  smoke_build() {
    [[ -x target/release/hoshin ]] || cargo build --release --locked
    target/release/hoshin build --out "$tmp/linux-site" >/dev/null 2>&1 || {
      echo "the Linux build of the bundled site failed" >&2
      return 1
    }
    hoshin_exe build --out "$(winpath "$tmp/windows-site")" || return 1
    if ! diff -r "$tmp/linux-site" "$tmp/windows-site" >"$tmp/build.diff"; then
      echo "the Windows build differs from the Linux build:" >&2
      head -n 40 "$tmp/build.diff" >&2
      return 1
    fi
    echo "identical to the Linux build: $(find "$tmp/windows-site" -type f | wc -l) files"
  }
  smoke_watch() {
    local site=$tmp/watch out=$tmp/watch-out
    copy_site "$site"
    hoshin_exe build --watch --root "$(winpath "$site")" --out "$(winpath "$out")" \
      2>"$tmp/watch.log" &
    bg_pids+=($!)
    # The first build (the watcher is set up before it), then an edit of a directive.
    if ! wait_for 120 grep -q 'watching for changes' "$tmp/watch.log"; then
      echo "no first build in 120 s:" >&2
      cat "$tmp/watch.log" >&2
      return 1
    fi
    local marker="Wineで監視の確認 $RANDOM$RANDOM"
    printf '\n%s\n' "$marker" >>"$site/content/1/1-1.md"
    if ! wait_for 60 grep -rqF "$marker" "$out" --include='*.html'; then
      echo "the edit did not reach $out in 60 s:" >&2
      cat "$tmp/watch.log" >&2
      return 1
    fi
    echo "rebuilt after the edit: $(grep -rlF "$marker" "$out" --include='*.html' | head -n1)"
  }
  smoke_serve() {
    local site=$tmp/serve port
    copy_site "$site"
    hoshin_exe serve --root "$(winpath "$site")" --port 0 2>"$tmp/serve.log" &
    bg_pids+=($!)
    if ! wait_for 120 grep -q 'serving the site at http://127.0.0.1:' "$tmp/serve.log"; then
      echo "the server did not start in 120 s:" >&2
      cat "$tmp/serve.log" >&2
      return 1
    fi
    port=$(sed -n 's|.*serving the site at http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/serve.log" | head -n1)
    curl -fsS --max-time 20 "http://127.0.0.1:$port/" -o "$tmp/served.html" || return 1
    grep -q '<html' "$tmp/served.html" || {
      echo "no HTML page at http://127.0.0.1:$port/" >&2
      return 1
    }
    echo "served http://127.0.0.1:$port/ ($(wc -c <"$tmp/served.html") bytes)"
  }
  # `hoshin init DIR`: a starter site that checks and builds, made by the .exe.
  smoke_init() {
    local site=$tmp/init-site
    hoshin_exe init "$(winpath "$site")" || return 1
    hoshin_exe check --root "$(winpath "$site")" || return 1
    hoshin_exe build --root "$(winpath "$site")" || return 1
    [[ -f $site/dist/index.html ]]
  }

  if ((exe_ready && wine_ready)); then
    smoke check smoke_check
    smoke build smoke_build
    smoke watch smoke_watch
    smoke serve smoke_serve
    smoke init smoke_init
  else
    echo "skipped: no hoshin.exe or no Wine prefix"
    failed+=("cross-wine-smoke")
  fi
  took 5/7
fi

# ---------------------------------------------------------------------------
if wanted 6; then
  section "6/7 cargo check --target $mac (type-check only)"
  cross_cargo check --locked --target "$mac" "${build_std[@]}" --lib --bins --tests ||
    failed+=("cross-check-macos")
  took 6/7
fi

# ---------------------------------------------------------------------------
# The packing and checks of scripts/release.sh, from the binaries built above: the
# Windows one of step 3 and the Linux one of scripts/test.sh (target/release/hoshin,
# built here if missing). The static musl build of a real release is left out: one
# more build of everything (5-12 minutes here) for a binary the tests do not run.
if wanted 7; then
  section "7/7 release archives (scripts/release.sh, release profile, Linux gnu)"
  RELEASE_PROFILE=release RELEASE_LINUX=gnu RELEASE_OUT=target/cross/release-check \
    bash scripts/release.sh || failed+=("cross-release-archives")
  took 7/7
fi

printf '(cross-test: %ss in all)\n' "$((SECONDS - started))"
if ((${#failed[@]})); then
  echo "cross-test FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "cross-test: all steps passed"
