#!/usr/bin/env bash
# Trunk post-build hook (runs in the repository root, on Trunk's staging dir):
# build the split wasm, join the style sheets, bundle the text packs, put the
# first-paint script and its texts into index.html, then
# pre-compress everything compressible (release only: the debug build of
# scripts/dev.sh is served as it is).
set -euo pipefail
bash scripts/build-wasm.sh "$TRUNK_STAGING_DIR" "${TRUNK_PROFILE:-release}"
node scripts/css-bundle.mjs "$TRUNK_STAGING_DIR"
node scripts/i18n-bundle.mjs i18n "$TRUNK_STAGING_DIR/i18n"
node scripts/first-paint.mjs "$TRUNK_STAGING_DIR"
if [ "${TRUNK_PROFILE:-release}" = release ]; then
  bash scripts/precompress.sh "$TRUNK_STAGING_DIR"
fi
