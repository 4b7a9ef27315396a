#!/usr/bin/env bash
# Builds what ships: the SPA in release mode with Trunk (offline, into dist/,
# pre-compressed by the Trunk hook) and the server in release mode.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

echo "build: SPA (trunk build --release)"
trunk build --release --offline
echo "build: server (cargo build --release)"
cargo build --release --locked -p mijn-lexus-server
