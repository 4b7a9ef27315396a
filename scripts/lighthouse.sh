#!/usr/bin/env bash
# Measures first loads with Lighthouse (its default mobile preset: a mid-range
# phone on slow 4G, simulated) against the release server and the built,
# pre-compressed dist/: performance and accessibility scores, LCP, and the
# bytes a cold visit transfers. A measurement, not a CI gate: scores move with
# the machine's load, so run it on a quiet machine and compare runs.
#
#   scripts/lighthouse.sh [PATH ...]          default: /sign-in /register /garage
#
# Build first (scripts/build.sh). MIJN_LEXUS_SERVER_BIN and MIJN_LEXUS_DIST
# point at another build; LIGHTHOUSE_RUNS=3 measures each path three times
# (compare medians); reports (JSON) land in end2end/.tmp/lighthouse/.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
server=${MIJN_LEXUS_SERVER_BIN:-$TARGET_DIR/release/mijn-lexus-server}
dist=${MIJN_LEXUS_DIST:-$PWD/dist}
port=${LIGHTHOUSE_PORT:-8790}
paths=("$@")
[ ${#paths[@]} -gt 0 ] || paths=(/sign-in /register /garage)
out=$PWD/end2end/.tmp/lighthouse
mkdir -p "$out"

db=$(mktemp -d)
"$server" --bind 127.0.0.1 --port "$port" --static-dir "$dist" \
  --database-url "sqlite://$db/lighthouse.db" --log-format pretty >"$out/server.log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; rm -rf "$db"' EXIT
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$port/api/health" >/dev/null && break
  sleep 0.5
done

runs=${LIGHTHOUSE_RUNS:-1}
printf '%-12s %5s %5s %8s %8s %7s %6s %10s\n' PATH PERF A11Y FCP LCP TBT CLS TRANSFER
for path in "${paths[@]}"; do
  for run in $(seq 1 "$runs"); do
    name=$(echo "${path#/}" | tr '/' '_' | sed 's/^$/root/')
    report="$out/$name$([ "$runs" -gt 1 ] && echo "-$run").json"
    # Lighthouse now and then fails to record a trace (NO_NAVSTART): try again.
    for attempt in 1 2 3; do
      (cd end2end && npx lighthouse "http://127.0.0.1:$port$path" \
        --chrome-path=/usr/bin/chromium \
        --chrome-flags="--headless --no-sandbox --disable-gpu" \
        --only-categories=performance,accessibility \
        --output=json --output-path="$report" --quiet) &&
        node -e 'process.exit(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).runtimeError ? 1 : 0)' "$report" &&
        break
      [ "$attempt" -lt 3 ] || { echo "lighthouse: $path failed" >&2; exit 1; }
    done
    node -e '
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const a = r.audits;
      const score = (c) => Math.round(r.categories[c].score * 100);
      const s = (id) => (a[id].numericValue / 1000).toFixed(2) + "s";
      console.log(process.argv[2].padEnd(12), String(score("performance")).padStart(5),
        String(score("accessibility")).padStart(5), s("first-contentful-paint").padStart(8),
        s("largest-contentful-paint").padStart(8),
        (Math.round(a["total-blocking-time"].numericValue) + "ms").padStart(7),
        a["cumulative-layout-shift"].numericValue.toFixed(3).padStart(6),
        ((a["total-byte-weight"].numericValue / 1000).toFixed(1) + " KB").padStart(10));
    ' "$report" "$path"
  done
done
