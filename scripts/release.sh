#!/usr/bin/env bash
# Release archives of hoshin, into dist-release/ (not in git):
#
#   scripts/release.sh
#
#   hoshin-<version>-x86_64-pc-windows-gnu.zip
#       hoshin.exe, はじめに.txt (UTF-8 with BOM, CRLF), LICENSE.txt (CRLF),
#       hoshin-preview.bat (CRLF); file names stored as UTF-8 (flag bit 11)
#   hoshin-<version>-x86_64-unknown-linux-musl.tar.gz (static), or -linux-gnu when the
#   musl build fails
#       hoshin-<version>-<target>/{hoshin, はじめに.txt, LICENSE}
#
# <version> is Cargo.toml's. はじめに.txt and hoshin-preview.bat come from scripts/release/
# (LF in git; converted here for Windows). From a fresh Debian 12 machine (as root):
# installs what it needs (the packages of scripts/cross-test.sh, musl-tools,
# python3-minimal, unzip), builds both binaries with Debian's Rust and -Zbuild-std (see
# scripts/cross-env.sh), packs, then checks each archive's list of files and their
# encodings, and exits non-zero if anything is off.
#
# Environment:
#   RELEASE_PROFILE  cargo profile of the binaries (default release-lto, the one to ship;
#                    scripts/cross-test.sh uses release, which it has built already)
#   RELEASE_FILES    folder holding はじめに.txt and hoshin-preview.bat (default
#                    scripts/release)
#   RELEASE_OUT      output folder (default dist-release)
#   RELEASE_LINUX    musl or gnu (default: musl, gnu if the musl build fails)

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export LC_ALL=C.UTF-8

# shellcheck source=scripts/cross-env.sh
source scripts/cross-env.sh

started=$SECONDS
say() {
  printf '[release %ss] %s\n' "$((SECONDS - started))" "$*"
}
die() {
  echo "release: $*" >&2
  exit 1
}

profile=${RELEASE_PROFILE:-release-lto}
files=${RELEASE_FILES:-scripts/release}
out=${RELEASE_OUT:-dist-release}
linux=${RELEASE_LINUX:-musl}
version=$(sed -n '/^\[package\]/,/^\[/s/^version *= *"\(.*\)"/\1/p' Cargo.toml | head -n1)
[[ -n $version ]] || die "no version in Cargo.toml"
readme=はじめに.txt
bat=hoshin-preview.bat
for f in "$readme" "$bat"; do
  [[ -f $files/$f ]] || die "$files/$f is missing"
done
# cargo puts the `dev` and `release` profiles in debug/ and release/.
profile_dir=$profile
[[ $profile == dev ]] && profile_dir=debug

say "hoshin $version, profile $profile"
need=(rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64-win32 python3-minimal unzip)
[[ $linux == musl ]] && need+=(musl-tools)
cross_apt_install "${need[@]}"

# ---------------------------------------------------------------------------
win=x86_64-pc-windows-gnu
say "building $win"
cross_cargo build --locked --profile "$profile" --target "$win" "${build_std[@]}" --bin hoshin
exe=$cross_dir/$win/$profile_dir/hoshin.exe

# Linux: a static musl binary through the same route. std's unwinder on musl is
# libunwind.a, which rustup ships inside its musl target and Debian does not: GCC's
# unwinder (libgcc_eh.a, the same _Unwind_* functions) stands in for it, with the one
# glibc function it calls made for musl (scripts/musl/dl_find_object.c). libgcc.a for
# the helpers GCC's code in mimalloc calls (__popcountdi2). Not position-independent:
# rustc links a static PIE otherwise, which musl-gcc's specs make ask for a loader.
musl=x86_64-unknown-linux-musl
linux_bin=
if [[ $linux == musl ]]; then
  say "building $musl"
  # Named by the shim's source, so that a change of it relinks (through RUSTFLAGS).
  shim=$cross_dir/musl-unwind-$(sha256sum scripts/musl/dl_find_object.c | cut -c1-12)
  mkdir -p "$shim"
  rm -f "$shim/libunwind.a"
  cp "$(gcc -print-file-name=libgcc_eh.a)" "$shim/libunwind.a"
  musl-gcc -O2 -Wall -Werror -c scripts/musl/dl_find_object.c -o "$shim/dl_find_object.o"
  ar rcs "$shim/libunwind.a" "$shim/dl_find_object.o"
  export CARGO_TARGET_X86_64_UNKNOWN_LINUX_MUSL_LINKER=musl-gcc
  export CARGO_TARGET_X86_64_UNKNOWN_LINUX_MUSL_RUSTFLAGS="-C relocation-model=static -C link-self-contained=no -L native=$shim -C link-arg=-lgcc"
  if cross_cargo build --locked --profile "$profile" --target "$musl" "${build_std[@]}" --bin hoshin &&
    cross_cargo run --locked --profile "$profile" --target "$musl" "${build_std[@]}" \
      --manifest-path scripts/musl/unwind-check/Cargo.toml; then
    linux_bin=$cross_dir/$musl/$profile_dir/hoshin
    linux_target=$musl
  else
    say "the musl build failed: packing the glibc build instead"
    linux=gnu
  fi
fi
if [[ $linux == gnu ]]; then
  linux_target=x86_64-unknown-linux-gnu
  say "building $linux_target"
  cargo build --locked --profile "$profile" --bin hoshin
  linux_bin=target/$profile_dir/hoshin
fi

# ---------------------------------------------------------------------------
# Same bytes for the same commit: file times from the last commit, no owners.
epoch=$(git log -1 --format=%ct 2>/dev/null || date +%s)
stage=$(mktemp -d "${TMPDIR:-/tmp}/hoshin-release.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$out"

# Windows: CRLF line ends; the .txt with a BOM so that Notepad and the like take it as
# UTF-8 (a .bat gets none: cmd.exe would read the BOM as part of the first command).
crlf() {
  sed -e 's/\r$//' -e 's/$/\r/' "$1"
}
zip_name=hoshin-$version-$win.zip
wdir=$stage/windows
mkdir -p "$wdir"
cp "$exe" "$wdir/hoshin.exe"
{
  printf '\xef\xbb\xbf'
  crlf "$files/$readme" | sed '1s/^\xef\xbb\xbf//'
} >"$wdir/$readme"
crlf LICENSE >"$wdir/LICENSE.txt"
crlf "$files/$bat" >"$wdir/$bat"
touch -d "@$epoch" "$wdir"/*
rm -f "$out/$zip_name"
# Python's zipfile rather than Info-ZIP's zip, which sets the zip's UTF-8 name flag (bit
# 11, which Windows' Explorer reads) only where an en_US.UTF-8 locale is installed.
/usr/bin/python3 - "$out/$zip_name" "$wdir" hoshin.exe "$readme" LICENSE.txt "$bat" <<'PY'
import os, sys, time, zipfile
archive, folder, names = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for name in names:
        path = os.path.join(folder, name)
        info = zipfile.ZipInfo(name, time.gmtime(os.stat(path).st_mtime)[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = (0o100755 if name.endswith(".exe") else 0o100644) << 16
        with open(path, "rb") as f:
            z.writestr(info, f.read())
PY
say "wrote $out/$zip_name"

tar_name=hoshin-$version-$linux_target.tar.gz
top=hoshin-$version-$linux_target
ldir=$stage/$top
mkdir -p "$ldir"
cp "$linux_bin" "$ldir/hoshin"
cp "$files/$readme" "$ldir/$readme"
cp LICENSE "$ldir/LICENSE"
chmod 0755 "$ldir/hoshin"
chmod 0644 "$ldir/$readme" "$ldir/LICENSE"
rm -f "$out"/hoshin-"$version"-x86_64-unknown-linux-*.tar.gz
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" \
  -cf - "$top" | gzip -9n >"$out/$tar_name"
say "wrote $out/$tar_name"

# ---------------------------------------------------------------------------
# Checks of what was written.
problems=0
bad() {
  echo "release check: $*" >&2
  problems=$((problems + 1))
}
# The zip as a reader sees it: the names decoded (UTF-8 flag, or plain ASCII), the
# text files' BOM and line ends, the program's header.
while IFS= read -r problem; do
  bad "$zip_name: $problem"
done < <(/usr/bin/python3 - "$out/$zip_name" hoshin.exe "$readme" LICENSE.txt "$bat" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
expected = sys.argv[2:]
names = []
for i in z.infolist():
    if not (i.flag_bits & 0x800 or i.filename.isascii()):
        print(f"{i.filename!r}: name without the UTF-8 flag")
    names.append(i.filename)
if sorted(names) != sorted(expected):
    print(f"lists {names}, expected {expected}")
for name in expected[1:]:
    if name not in names:
        continue
    data = z.read(name)
    if name.endswith(".txt") and name != "LICENSE.txt" and not data.startswith(b"\xef\xbb\xbf"):
        print(f"{name} has no BOM")
    if name.endswith(".bat") and data.startswith(b"\xef\xbb\xbf"):
        print(f"{name} starts with a BOM")
    if data.count(b"\n") != data.count(b"\r\n") or not data.endswith(b"\r\n"):
        print(f"{name} has line ends other than CRLF")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        print(f"{name} is not UTF-8")
if expected[0] in names and not z.read(expected[0]).startswith(b"MZ"):
    print(f"{expected[0]} is not a Windows program")
PY
)
listed=$(tar -tzf "$out/$tar_name" | sort | tr '\n' ' ')
expected=$(printf '%s\n' "$top/" "$top/hoshin" "$top/$readme" "$top/LICENSE" | sort | tr '\n' ' ')
[[ $listed == "$expected" ]] || bad "$tar_name lists '$listed', expected '$expected'"
tar -xzf "$out/$tar_name" -C "$stage" "$top/hoshin" --to-stdout >"$stage/hoshin-check"
chmod +x "$stage/hoshin-check"
"$stage/hoshin-check" --version >/dev/null || bad "the Linux binary does not run"
if [[ $linux_target == "$musl" ]] && file_info=$(file -b "$stage/hoshin-check" 2>/dev/null); then
  [[ $file_info == *static* ]] || bad "the musl binary is not static: $file_info"
fi
((problems == 0)) || die "$problems problem(s) in the archives"

for f in "$zip_name" "$tar_name"; do
  printf '%s  %s\n' "$(du -h "$out/$f" | cut -f1)" "$out/$f"
done
unzip -l "$out/$zip_name"
tar -tvzf "$out/$tar_name"
say "done"
