#!/usr/bin/env bash
# Trunk post-build hook (runs in the repository root, on Trunk's staging dir):
# bundle the text packs, then pre-compress everything compressible.
set -euo pipefail
node scripts/i18n-bundle.mjs i18n "$TRUNK_STAGING_DIR/i18n"
bash scripts/precompress.sh "$TRUNK_STAGING_DIR"
