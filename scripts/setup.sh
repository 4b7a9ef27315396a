#!/usr/bin/env bash
# Installs what building, running and testing the portal needs, and only what
# is missing: a second run takes seconds. Everything comes from the package
# registries (crates.io, npm, PyPI, Debian); nothing else is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14
WASM_SPLIT_VERSION=0.2.4
say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

# Rust target for the SPA.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Trunk (0.22 needs a newer rustc than some machines have; pin 0.21.14).
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (takes a while on a cold machine)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# wasm-bindgen-cli must match the wasm-bindgen version in Cargo.lock exactly
# (the wasm-bindgen macros and the CLI share one schema).
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WBG_VERSION" ]; then
  say "installing wasm-bindgen-cli $WBG_VERSION"
  # --locked pins the tool's own dependency tree; fall back to a fresh
  # resolution when a locked dependency is missing from the registry.
  cargo install wasm-bindgen-cli --version "$WBG_VERSION" --locked ||
    cargo install wasm-bindgen-cli --version "$WBG_VERSION"
fi

# wasm-split-cli cuts the SPA's wasm into one chunk per area
# (scripts/build-wasm.sh).
# (It has no --version; cargo's install list says which one is there.)
if ! command -v wasm-split-cli >/dev/null ||
   ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
fi

# Debian packages: Chromium for the browser tests, brotli to pre-compress the
# built SPA.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v brotli >/dev/null || missing+=(brotli)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

# npm packages: Leaflet + binaryen (wasm-opt) at the root, Playwright + axe in
# end2end/. `npm ci` only when the lock file changed since the last install.
npm_install() {
  local dir=$1
  if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
     [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "installing npm packages in $dir"
    (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_install .
npm_install end2end

# The offline demo map region (OSRM, the Monaco extract, tiles, walking graph,
# world background): built once, rebuilt only when its inputs change. The
# server's map tests need it.
scripts/map-data.sh
