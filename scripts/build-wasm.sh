#!/usr/bin/env bash
# Builds the SPA's WebAssembly, split into lazily loaded chunks, into the
# directory DIR (Trunk's staging dir when run from the Trunk hook), and points
# DIR/index.html at it.
#
#   scripts/build-wasm.sh DIR [release|debug]
#
# Why not Trunk's own rust pipeline: Trunk 0.21 cannot split a wasm module
# (trunk-rs/trunk#1022), and one module holding every page is far over the
# first-load budget. The pages are grouped in areas, each a `wasm_split`
# function (src/areas.rs); this script does what `cargo leptos build --split`
# does:
#   1. cargo build for wasm32 (with --emit-relocs, see .cargo/config.toml);
#   2. wasm-split-cli cuts the module at the split points: the main module,
#      one chunk per area, shared chunks, and the __wasm_split.js loader that
#      fetches an area the first time one of its pages opens;
#   3. wasm-bindgen (--target web) on the main module;
#   4. wasm-opt -Oz on every module (release);
#   5. everything lands in pkg-<content hash>/, so each file in it can be
#      cached forever, and index.html gets the entry script and preload hints.
set -euo pipefail
cd "$(dirname "$0")/.."
out_root=${1:?usage: build-wasm.sh DIR [release|debug]}
mode=${2:-${TRUNK_PROFILE:-release}}
public_url=${TRUNK_PUBLIC_URL:-/}
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

name=mijn-lexus
target_dir=${CARGO_TARGET_DIR:-$PWD/target}
if [ "$mode" = release ]; then
  profile=wasm-release
else
  profile=dev
fi
profile_dir=$([ "$profile" = dev ] && echo debug || echo "$profile")

cargo build --locked --target wasm32-unknown-unknown --profile "$profile" --bin "$name"
input="$target_dir/wasm32-unknown-unknown/$profile_dir/$name.wasm"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/pkg"
wasm-split-cli --target web --out-name "$name" "$input" "$work/pkg"
wasm-bindgen --target web --keep-lld-exports --no-demangle \
  --out-dir "$work/pkg" --out-name "$name" "$work/pkg/$name.wasm"
rm "$work/pkg/$name.wasm"
if [ "$profile" != dev ]; then
  for wasm in "$work"/pkg/*.wasm; do
    # The producers and target-features sections are build metadata no
    # browser reads: a few hundred bytes per module, of which a first visit
    # fetches a dozen.
    # Rust never uses the first KB of memory, and fresh memory is zeroes:
    # wasm-opt may then drop zero bytes and shorten addresses (0.7 KB gzip
    # of the main module).
    # WASM_OPT_EXTRA=-g keeps function names, for a CPU profile that names
    # them (the modules grow; not for shipping).
    # shellcheck disable=SC2086
    wasm-opt -Oz ${WASM_OPT_EXTRA:-} --enable-bulk-memory --enable-nontrapping-float-to-int \
      --low-memory-unused --zero-filled-memory \
      --strip-producers --strip-target-features \
      --output "$wasm.opt" "$wasm"
    mv "$wasm.opt" "$wasm"
  done
  # Which files each area needs, read from the chunk loader while it is
  # still readable (split-areas.mjs reads this file first), then the JS
  # minified: wasm-bindgen's glue and the loader are a first visit's
  # largest scripts (terser: 11.5 -> 8.6 KB gzip).
  node scripts/split-areas.mjs "$work/pkg" > "$work/pkg/areas.json"
  for js in "$work/pkg/$name.js" "$work/pkg/__wasm_split.js"; do
    terser "$js" --module --compress --mangle --output "$js.min"
    mv "$js.min" "$js"
  done
fi
# The entry module: instantiate the main module, which starts the app, right
# after the first paint (the skeleton of index.html), together with the
# fetches of scripts/first-fetch.js, so that the main wasm does not share the
# line with the style sheet the first paint waits for; at once in a tab in
# the background, which paints no frames.
# (The same moment as in scripts/first-fetch.js: the first contentful paint's
# timing entry, which arrives once the frame is on screen.)
cat > "$work/pkg/boot.js" <<EOF
import init from "./$name.js";
let started = false;
const once = () => {
  if (!started) {
    started = true;
    init();
  }
};
if (document.visibilityState !== "visible" || !PerformanceObserver.supportedEntryTypes?.includes("paint")) {
  once();
} else {
  new PerformanceObserver((list, observer) => {
    if (list.getEntriesByName("first-contentful-paint").length) {
      observer.disconnect();
      once();
    }
  }).observe({ type: "paint", buffered: true });
  setTimeout(once, 3000);
}
EOF

hash=$(cd "$work/pkg" && find . -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16)
rm -rf "$out_root"/pkg-*
mv "$work/pkg" "$out_root/pkg-$hash"
base="${public_url%/}/pkg-$hash"

# Replace the marker in index.html with the preload hints and entry script.
# The chunk loader is imported by the JS glue: preloading it too saves a round
# trip before the first area can be fetched. (No hint for the main wasm: the
# first-fetch script preloads it right after the first paint, see boot.js.) The preload manifest (routes and
# the files of each area) lets the first-paint script (scripts/first-paint.js)
# fetch the opened page's area at once, instead of after the main module has
# run; its directory is relative (the script puts the portal's base path in
# front, so the hints also hold under a sub-path, G3).
tags="<link rel=\"modulepreload\" href=\"$base/$name.js\" />\
<link rel=\"modulepreload\" href=\"$base/__wasm_split.js\" />\
<script type=\"module\" src=\"$base/boot.js\"></script>\
<script type=\"application/json\" id=\"mijn-lexus-preload\">$(node scripts/preload-manifest.mjs "$out_root/pkg-$hash" "pkg-$hash")</script>"
index="$out_root/index.html"
grep -q '<meta name="mijn-lexus-wasm" />' "$index" ||
  { echo "build-wasm: marker <meta name=\"mijn-lexus-wasm\" /> missing in $index" >&2; exit 1; }
sed -i "s#<meta name=\"mijn-lexus-wasm\" />#$tags#" "$index"
# Trunk leaves its skipped rust link behind; it means nothing to a browser.
sed -i '/<link data-trunk rel="rust" data-trunk-skip[^>]*>/d' "$index"

echo "build-wasm: pkg-$hash ($(find "$out_root/pkg-$hash" -name '*.wasm' | wc -l) wasm modules)"
