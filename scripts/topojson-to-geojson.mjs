// Decodes one object of a TopoJSON file (e.g. npm world-atlas's Natural Earth
// land) into a GeoJSON FeatureCollection, for the map's world background.
// Usage: node scripts/topojson-to-geojson.mjs IN.json OBJECT OUT.geojson
// TopoJSON: arcs are delta-encoded integer positions scaled by `transform`;
// a ring lists arc indexes, ~i meaning arc i reversed; consecutive arcs share
// their joining point.
import { readFileSync, writeFileSync } from "node:fs";

const [input, objectName, output] = process.argv.slice(2);
const topo = JSON.parse(readFileSync(input, "utf8"));
const { scale = [1, 1], translate = [0, 0] } = topo.transform ?? {};
const round = (v) => Math.round(v * 1e4) / 1e4; // ~10 m: plenty at low zoom

const arcs = topo.arcs.map((arc) => {
  let x = 0, y = 0;
  return arc.map(([dx, dy]) => {
    if (topo.transform) { x += dx; y += dy; } else { x = dx; y = dy; }
    return [round(x * scale[0] + translate[0]), round(y * scale[1] + translate[1])];
  });
});
const ring = (indexes) => {
  const points = [];
  for (const i of indexes) {
    const arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
    points.push(...(points.length ? arc.slice(1) : arc));
  }
  return points;
};
const geometry = (g) => {
  switch (g.type) {
    case "Polygon": return { type: "Polygon", coordinates: g.arcs.map(ring) };
    case "MultiPolygon": return { type: "MultiPolygon", coordinates: g.arcs.map((p) => p.map(ring)) };
    case "LineString": return { type: "LineString", coordinates: ring(g.arcs) };
    case "MultiLineString": return { type: "MultiLineString", coordinates: g.arcs.map(ring) };
    default: throw new Error(`unsupported TopoJSON geometry ${g.type}`);
  }
};
const object = topo.objects[objectName];
if (!object) throw new Error(`no object ${objectName} in ${input}`);
const members = object.type === "GeometryCollection" ? object.geometries : [object];
const features = members.map((g) => ({
  type: "Feature",
  properties: g.properties ?? {},
  geometry: geometry(g),
}));
writeFileSync(output, JSON.stringify({ type: "FeatureCollection", features }));
