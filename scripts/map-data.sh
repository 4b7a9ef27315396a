#!/usr/bin/env bash
# Installs the offline demo map region (docs/maps.md): the OSRM routing engine,
# the OpenStreetMap extract of Monaco, vector tiles and a walking graph built
# from it, and a low-zoom world background. Everything comes from the package
# registries (PyPI, Debian, npm); nothing else is downloaded.
#
# Downloads are kept in $MAP_DOWNLOADS (shared by every clone on the machine);
# what is built goes to $MAP_DATA (default data/map, gitignored). A step runs
# only when its inputs changed (a hash stamp beside its output), so a second
# run takes well under a second.
#
# Production builds the same from a bigger extract: MAP_PBF=benelux.osm.pbf.
set -euo pipefail
cd "$(dirname "$0")/.."

OSRM_VERSION=26.10.0
WHEEL=osrm_bindings-$OSRM_VERSION-cp312-abi3-manylinux_2_28_x86_64.whl
WHEEL_SHA256=840d6f82812eb9f9e17c71eb9083dfa15f3be2bfec4965c32aefa48b00d3a951
SDIST=osrm_bindings-$OSRM_VERSION.tar.gz
SDIST_SHA256=2ca271af60e0628394f070e9a0f371bf18ff6c6e23769acc620d4aa7c07ed32c
MONACO_SHA256=36c0f0029ed838897322382611b67e8e5e7bcb07d5b17a25f3574dec54f1c23c

MAP_DATA=${MAP_DATA:-$PWD/data/map}
MAP_DOWNLOADS=${MAP_DOWNLOADS:-${XDG_CACHE_HOME:-$HOME/.cache}/mijn-lexus/map-downloads}
mkdir -p "$MAP_DATA" "$MAP_DOWNLOADS"

say() { printf '\033[1mmap-data:\033[0m %s\n' "$*"; }
# `timed NAME CMD...`: runs CMD and prints how long it took (ms).
timed() {
  local name=$1 t0 t1
  shift
  t0=$(date +%s%N)
  "$@"
  t1=$(date +%s%N)
  say "$name took $(((t1 - t0) / 1000000)) ms"
}
sha() { sha256sum "$1" | cut -d' ' -f1; }
# The stamp of a step: the hash of its inputs' hashes (and any extra words).
stamp_of() { { for f in "$@"; do if [ -f "$f" ]; then sha "$f"; else echo "$f"; fi; done; } | sha256sum | cut -d' ' -f1; }
fresh() { [ -f "$1.stamp" ] && [ "$(cat "$1.stamp")" = "$2" ]; }

# ---- OSRM binaries and profiles from the PyPI wheel (no Python 3.12 needed
# to run them: they link only glibc/libstdc++).
get_wheel() {
  pip download --quiet --no-deps --only-binary=:all: --python-version 3.12 \
    --platform manylinux_2_28_x86_64 "osrm-bindings==$OSRM_VERSION" -d "$MAP_DOWNLOADS"
}
if [ ! -f "$MAP_DOWNLOADS/$WHEEL" ] || [ "$(sha "$MAP_DOWNLOADS/$WHEEL")" != "$WHEEL_SHA256" ]; then
  say "downloading the OSRM $OSRM_VERSION wheel from PyPI"
  timed "wheel download" get_wheel
  [ "$(sha "$MAP_DOWNLOADS/$WHEEL")" = "$WHEEL_SHA256" ] || { say "wrong sha256 for $WHEEL"; exit 1; }
fi
OSRM=$MAP_DATA/osrm
if ! fresh "$OSRM" "$WHEEL_SHA256"; then
  say "unpacking OSRM into $OSRM"
  rm -rf "$OSRM" && mkdir -p "$OSRM"
  python3 - "$MAP_DOWNLOADS/$WHEEL" "$OSRM" <<'PY'
import os, sys, zipfile
wheel, out = sys.argv[1:]
with zipfile.ZipFile(wheel) as z:
    for info in z.infolist():
        name = info.filename
        if not (name.startswith("osrm/bin/") or name.startswith("osrm/share/profiles/")) or name.endswith("/"):
            continue
        target = os.path.join(out, name[len("osrm/"):])
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with z.open(info) as src, open(target, "wb") as dst:
            dst.write(src.read())
        if name.startswith("osrm/bin/"):
            os.chmod(target, 0o755)
PY
  echo "$WHEEL_SHA256" >"$OSRM.stamp"
fi

# ---- The Monaco extract from the source package of the same release: asked
# from pip's index in its JSON form, checked against the pinned hash, one file
# taken out. (`pip download --no-binary` would try to build the package.)
PBF=${MAP_PBF:-$MAP_DATA/monaco.osm.pbf}
if [ -z "${MAP_PBF:-}" ] && [ ! -f "$PBF" ]; then
  if [ ! -f "$MAP_DOWNLOADS/$SDIST" ] || [ "$(sha "$MAP_DOWNLOADS/$SDIST")" != "$SDIST_SHA256" ]; then
    say "downloading $SDIST from PyPI (38 MB, once)"
    INDEX=${PIP_INDEX_URL:-$(pip config get global.index-url 2>/dev/null || echo https://pypi.org/simple)}
    timed "extract download" python3 - "$INDEX" "$SDIST" "$SDIST_SHA256" "$MAP_DOWNLOADS/$SDIST" <<'PY'
import hashlib, json, sys, urllib.request
index, filename, expected, out = sys.argv[1:]
req = urllib.request.Request(index.rstrip("/") + "/osrm-bindings/",
                             headers={"Accept": "application/vnd.pypi.simple.v1+json"})
files = json.load(urllib.request.urlopen(req, timeout=60))["files"]
entry = next(f for f in files if f["filename"] == filename)
if entry["hashes"].get("sha256") != expected:
    sys.exit(f"the index names another sha256 for {filename}")
data = urllib.request.urlopen(entry["url"], timeout=600).read()
if hashlib.sha256(data).hexdigest() != expected:
    sys.exit(f"wrong sha256 for {filename}")
open(out + ".part", "wb").write(data)
import os; os.replace(out + ".part", out)
PY
  fi
  python3 - "$MAP_DOWNLOADS/$SDIST" "$PBF" "$MONACO_SHA256" <<'PY'
import hashlib, sys, tarfile
sdist, out, expected = sys.argv[1:]
with tarfile.open(sdist) as t:
    data = t.extractfile("osrm_bindings-26.10.0/test/data/monaco.osm.pbf").read()
if hashlib.sha256(data).hexdigest() != expected:
    sys.exit("wrong sha256 for monaco.osm.pbf")
open(out, "wb").write(data)
PY
fi

# ---- tilemaker and osmium-tool from Debian (like chromium in setup.sh).
missing=()
command -v tilemaker >/dev/null || missing+=(tilemaker)
command -v osmium >/dev/null || missing+=(osmium-tool)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

# ---- Vector tiles (OpenMapTiles schema) in one MBTiles file. The example
# config's layers with a `source` read shapefiles (ocean, urban areas, ice)
# that are not in any package: they are left out.
NAME=$(basename "$PBF" .osm.pbf)
MBTILES=$MAP_DATA/$NAME.mbtiles
TM_EXAMPLES=/usr/share/doc/tilemaker/examples
TM_STAMP=$(stamp_of "$PBF" "$TM_EXAMPLES/config-openmaptiles.json" "$TM_EXAMPLES/process-openmaptiles.lua" "$(tilemaker --help 2>&1 | head -1)")
if ! fresh "$MBTILES" "$TM_STAMP"; then
  say "building vector tiles $MBTILES"
  python3 - "$TM_EXAMPLES/config-openmaptiles.json" "$MAP_DATA/tilemaker-config.json" <<'PY'
import json, sys
src, out = sys.argv[1:]
config = json.load(open(src))
config["layers"] = {k: v for k, v in config["layers"].items() if "source" not in v}
json.dump(config, open(out, "w"), indent=1)
PY
  rm -f "$MBTILES"
  build_tiles() {
    (cd "$MAP_DATA" && tilemaker --input "$PBF" --output "$MBTILES" --config tilemaker-config.json \
      --process "$TM_EXAMPLES/process-openmaptiles.lua") >"$MAP_DATA/tilemaker.log" 2>&1
  }
  timed "tile build" build_tiles
  echo "$TM_STAMP" >"$MBTILES.stamp"
fi

# ---- The walking graph (OSRM multi-level Dijkstra).
GRAPH=$MAP_DATA/foot/$NAME.osrm
FOOT_STAMP=$(stamp_of "$PBF" "$OSRM/share/profiles/foot.lua" "$WHEEL_SHA256")
if ! fresh "$GRAPH" "$FOOT_STAMP"; then
  say "building the walking graph $GRAPH"
  rm -rf "$MAP_DATA/foot" && mkdir -p "$MAP_DATA/foot"
  cp "$PBF" "$MAP_DATA/foot/$NAME.osm.pbf"
  build_graph() {
    "$OSRM/bin/osrm-extract" -p "$OSRM/share/profiles/foot.lua" "$MAP_DATA/foot/$NAME.osm.pbf" &&
      "$OSRM/bin/osrm-partition" "$GRAPH" && "$OSRM/bin/osrm-customize" "$GRAPH"
  } >"$MAP_DATA/foot/build.log" 2>&1
  timed "walking graph build" build_graph
  rm -f "$MAP_DATA/foot/$NAME.osm.pbf"
  echo "$FOOT_STAMP" >"$GRAPH.stamp"
fi

# ---- The offline geocoding index: every address, named place and named
# street of the extract (osmium keeps the named objects and exports them,
# scripts/geocode-index.py turns them into labels with a point).
GEOCODE=$MAP_DATA/$NAME.geocode.json
GEOCODE_STAMP=$(stamp_of "$PBF" scripts/geocode-index.py "$(osmium --version 2>&1 | head -1)")
if ! fresh "$GEOCODE" "$GEOCODE_STAMP"; then
  say "building the geocoding index $GEOCODE"
  build_geocode() {
    osmium tags-filter --overwrite "$PBF" nwr/name nwr/addr:housenumber -o "$MAP_DATA/named.osm.pbf" &&
      osmium export --overwrite "$MAP_DATA/named.osm.pbf" -f geojsonseq -o "$MAP_DATA/named.geojsonseq" &&
      python3 scripts/geocode-index.py "$MAP_DATA/named.geojsonseq" "$GEOCODE"
  }
  timed "geocoding index build" build_geocode
  rm -f "$MAP_DATA/named.osm.pbf" "$MAP_DATA/named.geojsonseq"
  echo "$GEOCODE_STAMP" >"$GEOCODE.stamp"
fi

# ---- World background: Natural Earth land (npm world-atlas, TopoJSON)
# decoded to GeoJSON once, served by our server at /api/map/world.geojson.
WORLD_SRC=node_modules/world-atlas/land-110m.json
WORLD=$MAP_DATA/world.geojson
if [ -f "$WORLD_SRC" ]; then
  WORLD_STAMP=$(stamp_of "$WORLD_SRC" scripts/topojson-to-geojson.mjs)
  if ! fresh "$WORLD" "$WORLD_STAMP"; then
    say "writing the world background $WORLD"
    node scripts/topojson-to-geojson.mjs "$WORLD_SRC" land "$WORLD"
    echo "$WORLD_STAMP" >"$WORLD.stamp"
  fi
else
  say "no $WORLD_SRC (run npm ci): the world background is left out"
fi
