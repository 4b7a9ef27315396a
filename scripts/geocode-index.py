"""Builds the offline geocoding index of the demo map (docs/maps.md) from the
named objects and addresses of an OpenStreetMap extract, exported by
`osmium export -f geojsonseq`.

Usage: python3 scripts/geocode-index.py IN.geojsonseq OUT.json

Output: a JSON list of {"label", "lat", "lon", "kind"}, one entry per address,
named place or named street (a street's ways merged into one entry, placed on
its middle way). kind: "place", "poi", "street" or "address".
"""
import json
import sys


def centre(geometry):
    """A representative point: the point itself, a line's middle vertex, a
    polygon's vertex average."""
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Point":
        return coords
    if kind == "LineString":
        return coords[len(coords) // 2]
    if kind == "MultiLineString":
        return coords[0][len(coords[0]) // 2]
    ring = coords[0] if kind == "Polygon" else coords[0][0]
    return [sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)]


def address(tags):
    street, number = tags.get("addr:street"), tags.get("addr:housenumber")
    if not street:
        return None
    line = f"{street} {number}" if number else street
    town = " ".join(t for t in (tags.get("addr:postcode"), tags.get("addr:city")) if t)
    return f"{line}, {town}" if town else line


def main(src, out):
    entries, streets = [], {}
    with open(src, encoding="utf-8") as f:
        for line in f:
            feature = json.loads(line.lstrip("\x1e"))
            tags, geometry = feature["properties"], feature["geometry"]
            if not geometry:
                continue
            lon, lat = centre(geometry)
            name = tags.get("name")
            if "highway" in tags and name and geometry["type"] != "Point":
                streets.setdefault(name, []).append((lat, lon))
                continue
            if "place" in tags and name:
                entries.append({"label": name, "lat": lat, "lon": lon, "kind": "place"})
            elif name and ("amenity" in tags or "tourism" in tags or "shop" in tags
                           or "leisure" in tags or "building" in tags or "historic" in tags):
                where = address(tags)
                label = f"{name}, {where}" if where else name
                entries.append({"label": label, "lat": lat, "lon": lon, "kind": "poi"})
            elif "addr:housenumber" in tags and address(tags):
                entries.append({"label": address(tags), "lat": lat, "lon": lon, "kind": "address"})
    for name, points in streets.items():
        lat, lon = points[len(points) // 2]
        entries.append({"label": name, "lat": lat, "lon": lon, "kind": "street"})
    for e in entries:
        e["lat"], e["lon"] = round(e["lat"], 6), round(e["lon"], 6)
    seen, unique = set(), []
    for e in sorted(entries, key=lambda e: (e["label"], e["kind"])):
        if e["label"] not in seen:
            seen.add(e["label"])
            unique.append(e)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(unique, f, ensure_ascii=False, separators=(",", ":"))
    print(f"{len(unique)} places and addresses")


if __name__ == "__main__":
    main(*sys.argv[1:])
