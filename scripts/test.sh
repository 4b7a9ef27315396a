#!/usr/bin/env bash
# Runs every test: contract unit tests and server integration tests (cargo),
# then the Playwright journeys through the release SPA and the real server.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
started=$(date +%s)

echo "test: contract and server (cargo test --release)"
cargo test --release --locked -p mijn-lexus-contract -p mijn-lexus-server 2>&1 | tee /tmp/mijn-lexus-cargo-test.log
# The SPA's own tests (text packs, formatting, parsing) natively, in a run of their own so the
# server's dependencies keep their features and stay built.
echo "test: SPA native tests (cargo test --release -p mijn-lexus)"
cargo test --release --locked -p mijn-lexus 2>&1 | tee -a /tmp/mijn-lexus-cargo-test.log
cargo_passed=$(awk '/^test result:/ { s += $4 } END { print s + 0 }' /tmp/mijn-lexus-cargo-test.log)

scripts/build.sh
echo "test: end-to-end (Playwright, Chromium)"
export MIJN_LEXUS_SERVER_BIN="${CARGO_TARGET_DIR:-$PWD/target}/release/mijn-lexus-server"
export MIJN_LEXUS_DIST="$PWD/dist"
(cd end2end && npx playwright test)
e2e_passed=$(node -e 'const r=require("./end2end/.tmp/results.json");console.log(r.stats.expected)')
e2e_failed=$(node -e 'const r=require("./end2end/.tmp/results.json");console.log(r.stats.unexpected+r.stats.flaky)')

# The first-load budget is a test too: over it, the run fails.
first_load_failed=0
node scripts/first-load.mjs dist || first_load_failed=1
echo "test: took $(( $(date +%s) - started )) s"
echo "tests: $((cargo_passed + e2e_passed + 1 - first_load_failed)) passed, $((e2e_failed + first_load_failed)) failed"
[ "$((e2e_failed + first_load_failed))" -eq 0 ]
