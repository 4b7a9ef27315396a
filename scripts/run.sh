#!/usr/bin/env bash
# Runs the portal: installs what is missing, builds the SPA and the server in
# release mode, and serves both on one port with an embedded SQLite database
# in data/ and a demo account. Options after the script name go to the server
# (see `target/release/mijn-lexus-server --help`), e.g. `scripts/run.sh --port 9000`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
TARGET_DIR=${CARGO_TARGET_DIR:-target}
# --dev keeps outgoing mail in an outbox (GET /api/dev/outbox, links in the
# log) so a newcomer can follow confirmation and reset links without SMTP.
exec "$TARGET_DIR/release/mijn-lexus-server" --static-dir dist --demo --dev --log-format pretty "$@"
