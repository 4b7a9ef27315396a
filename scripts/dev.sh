#!/usr/bin/env bash
# The development loop: debug builds (no LTO, no wasm-opt, no pre-compression),
# rebuilt whenever a source file is saved, and the server restarted on the
# new build in development mode with the demo account (outbox at
# /api/dev/outbox, the embedded-portal demo at /embed-demo/).
#
#   scripts/dev.sh [server options]      e.g. scripts/dev.sh --port 9000
#
# Reload the browser after "dev: serving" appears. The SPA lands in dist-dev/
# (the release build's dist/ is left alone); the database is data/ as with
# scripts/run.sh. Changes are found by polling the sources once a second
# (no file-watching tool needed); a failed build leaves the last good one
# running and waits for the next save. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
DIST=dist-dev
WATCHED=(src style i18n public index.html Trunk.toml Cargo.toml Cargo.lock crates)
say() { printf '\033[1mdev:\033[0m %s\n' "$*"; }

stamp=$(mktemp)
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap 'stop_server; rm -f "$stamp"' EXIT
trap 'exit 0' INT TERM

build_and_serve() {
  # Saves made during the build count as changes for the next round.
  touch "$stamp"
  if trunk build --offline --dist "$DIST" && cargo build --locked -p mijn-lexus-server; then
    stop_server
    "$TARGET_DIR/debug/mijn-lexus-server" --static-dir "$DIST" --dev --demo --log-format pretty "$@" &
    server_pid=$!
    say "serving the new build (reload the browser)"
  else
    say "build failed: fix it and save; the last good build keeps running"
  fi
}

changed() {
  [ -n "$(find "${WATCHED[@]}" -newer "$stamp" -type f -not -path '*/node_modules/*' -print -quit 2>/dev/null)" ]
}

build_and_serve "$@"
while sleep 1; do
  if changed; then
    say "change seen, rebuilding"
    build_and_serve "$@"
  fi
done
