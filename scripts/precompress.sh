#!/usr/bin/env bash
# Trunk post-build hook: writes .br and .gz next to every compressible file so
# the server can send them as they are (no compression per request).
set -euo pipefail
dir=${TRUNK_STAGING_DIR:-${1:?usage: precompress.sh DIR}}
find "$dir" -type f \( -name '*.html' -o -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.svg' -o -name '*.json' \) |
while read -r f; do
  gzip -9 -k -f -n "$f"
  brotli -q 11 -k -f "$f"
done
