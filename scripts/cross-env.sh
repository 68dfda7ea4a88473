# shellcheck shell=bash
# Sourced by scripts/cross-test.sh and scripts/release.sh (from the repository root):
# Debian's Rust toolchain for the targets rustup has not installed here, called by
# absolute path so that the rustup toolchain stays first on PATH for everything else.
#
# Debian 12's rustc-web, cargo-web and rust-web-src (bookworm-security) are a Rust
# whose standard library can be built from source for any target (-Zbuild-std, which
# RUSTC_BOOTSTRAP=1 allows on a stable compiler). cargo-web's cargo is /usr/bin/cargo,
# its rustc /usr/bin/rustc; their builds go to target/cross/, apart from rustup's.

cross_root=$PWD
cross_dir=$cross_root/target/cross
deb_cargo=/usr/bin/cargo
wine=/usr/lib/wine/wine64
# shellcheck disable=SC2034 # used by the scripts that source this file
wineserver=/usr/lib/wine/wineserver
# shellcheck disable=SC2034
build_std=("-Zbuild-std=std,panic_abort")

# Installs the Debian packages given, those not installed yet (apt-get update first).
cross_apt_install() {
  local pkg missing=() sudo=()
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  if ((${#missing[@]} == 0)); then
    echo "all present: $*"
    return 0
  fi
  echo "installing: ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Debian's cargo with Debian's rustc, into target/cross/, with the linkers and the Wine
# runner of the cross targets.
cross_cargo() {
  env RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
    CARGO_TARGET_DIR="$cross_dir" \
    CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
    CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="$wine" \
    "$deb_cargo" "$@"
}
