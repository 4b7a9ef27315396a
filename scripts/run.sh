#!/usr/bin/env bash
# Runs the portal: installs what is missing, builds the SPA and the server in
# release mode, and serves both on one port with an embedded SQLite database
# in data/ and a demo account. Options after the script name go to the server
# (see `target/release/mijn-lexus-server --help`), e.g. `scripts/run.sh --port 9000`.
#
# The offline demo map (docs/maps.md): the server serves the Monaco vector
# tiles, the world background and address search from data/map/, and asks an `osrm-routed`
# started here on loopback for walking routes; it stops when the server stops.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
TARGET_DIR=${CARGO_TARGET_DIR:-target}
MAP_DATA=${MAP_DATA:-$PWD/data/map}

map_args=()
if [ -f "$MAP_DATA/foot/monaco.osrm.mldgr" ]; then
  # A free loopback port for the routing engine.
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$MAP_DATA/osrm/bin/osrm-routed" --algorithm mld --ip 127.0.0.1 --port "$port" \
    "$MAP_DATA/foot/monaco.osrm" >"$MAP_DATA/osrm-routed.log" 2>&1 &
  osrm_pid=$!
  trap 'kill "$osrm_pid" 2>/dev/null || true' EXIT
  map_args+=(--routing-url "http://127.0.0.1:$port")
fi
[ -f "$MAP_DATA/monaco.mbtiles" ] && map_args+=(--tiles-mbtiles "$MAP_DATA/monaco.mbtiles")
[ -f "$MAP_DATA/world.geojson" ] && map_args+=(--map-world-geojson "$MAP_DATA/world.geojson")
[ -f "$MAP_DATA/monaco.geocode.json" ] && map_args+=(--geocoding-index "$MAP_DATA/monaco.geocode.json")

# --dev keeps outgoing mail in an outbox (GET /api/dev/outbox, links in the
# log) so a newcomer can follow confirmation and reset links without SMTP.
# (Not `exec`: the trap above stops the routing engine when the server ends.)
"$TARGET_DIR/release/mijn-lexus-server" --static-dir dist --demo --dev --log-format pretty \
  "${map_args[@]}" "$@"
