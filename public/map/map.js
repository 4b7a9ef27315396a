// What the portal's maps need besides the wasm (src/components/map.rs),
// fetched the first time a page shows a map: Leaflet, protomaps-leaflet
// (which draws vector tiles) and how our tiles are drawn (OpenMapTiles
// schema, as tilemaker writes them from an OpenStreetMap extract): which
// layers are painted, in which colours, which names are written. It sets
// `window.mijnLexusMap = { ready, basemap }`: `ready` settles once Leaflet is
// loaded; `basemap(url, attribution, maxDataZoom)` makes the tile layer. The
// loading and the drawing rules live here so that no page without a map
// carries them in its wasm.
(function () {
  'use strict';
  var base = document.currentScript.src.replace(/map\/map\.js(\?.*)?$/, '');

  function load(tag, attrs) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement(tag);
      for (var k in attrs) el[k] = attrs[k];
      el.onload = resolve;
      el.onerror = reject;
      document.head.appendChild(el);
    });
  }

  var map = { ready: null, basemap: null };
  map.ready = Promise.all([
    load('link', { rel: 'stylesheet', href: base + 'vendor/leaflet/leaflet.css' }),
    load('script', { src: base + 'vendor/leaflet/leaflet.js', async: false }),
    load('script', { src: base + 'vendor/protomaps-leaflet.js', async: false }),
  ]).then(function () {
    map.basemap = basemap(window.protomapsL);
  });
  window.mijnLexusMap = map;

  function basemap(P) {

    // Width grows with the zoom level, like every street map: thin at the
    // city's scale, a street's real width when the walk is shown.
    function width(atZ13, atZ18) {
      return function (z) {
        if (z <= 13) return atZ13;
        if (z >= 18) return atZ18;
        return atZ13 + ((atZ18 - atZ13) * (z - 13)) / 5;
      };
    }
    function is(classes) {
      return function (z, f) {
        return classes.indexOf(f.props['class']) >= 0;
      };
    }

    var MAJOR = ['motorway', 'trunk', 'primary'];
    var MINOR = ['secondary', 'tertiary', 'minor', 'service', 'track'];
    var FOOT = ['path', 'pedestrian'];

    var paintRules = [
      { dataLayer: 'landcover', symbolizer: new P.PolygonSymbolizer({ fill: '#dfe8d4' }) },
      {
        dataLayer: 'landuse',
        symbolizer: new P.PolygonSymbolizer({ fill: '#ebe6dc' }),
        filter: is(['residential', 'commercial', 'retail', 'industrial']),
      },
      { dataLayer: 'park', symbolizer: new P.PolygonSymbolizer({ fill: '#cfe3bf' }) },
      { dataLayer: 'water', symbolizer: new P.PolygonSymbolizer({ fill: '#a9cde0' }) },
      { dataLayer: 'waterway', symbolizer: new P.LineSymbolizer({ color: '#a9cde0', width: 1.5 }) },
      { dataLayer: 'aeroway', symbolizer: new P.PolygonSymbolizer({ fill: '#e3e0ea' }) },
      {
        dataLayer: 'building',
        symbolizer: new P.PolygonSymbolizer({ fill: '#d9d0c7', stroke: '#c8bdb2', width: 0.5 }),
      },
      {
        dataLayer: 'transportation',
        symbolizer: new P.LineSymbolizer({ color: '#9c9183', width: width(0.8, 3), dash: [2, 2] }),
        filter: is(FOOT),
      },
      {
        dataLayer: 'transportation',
        symbolizer: new P.LineSymbolizer({ color: '#c9c0b4', width: width(1.5, 12) }),
        filter: is(MINOR),
      },
      {
        dataLayer: 'transportation',
        symbolizer: new P.LineSymbolizer({ color: '#ffffff', width: width(1, 10) }),
        filter: is(MINOR),
      },
      {
        dataLayer: 'transportation',
        symbolizer: new P.LineSymbolizer({ color: '#d9a35b', width: width(2.5, 16) }),
        filter: is(MAJOR),
      },
      {
        dataLayer: 'transportation',
        symbolizer: new P.LineSymbolizer({ color: '#f6d59b', width: width(1.8, 14) }),
        filter: is(MAJOR),
      },
      {
        dataLayer: 'transportation',
        symbolizer: new P.LineSymbolizer({ color: '#8a8a8a', width: 1, dash: [4, 3] }),
        filter: is(['rail', 'transit']),
      },
      {
        dataLayer: 'boundary',
        symbolizer: new P.LineSymbolizer({ color: '#8b7a99', width: 1, dash: [3, 2] }),
      },
    ];

    // Dark text with a light halo: readable on every fill above (contrast
    // above 7:1 on the lightest and the darkest of them).
    var TEXT = { fill: '#2b2b2b', stroke: '#ffffff', width: 2.5, fontFamily: 'sans-serif' };
    function text(extra) {
      var o = {};
      var k;
      for (k in TEXT) o[k] = TEXT[k];
      for (k in extra) o[k] = extra[k];
      return o;
    }
    var labelRules = [
      {
        dataLayer: 'place',
        symbolizer: new P.CenteredTextSymbolizer(
          text({ labelProps: ['name'], fontSize: 14, fontWeight: 600 }),
        ),
      },
      {
        dataLayer: 'transportation_name',
        symbolizer: new P.LineLabelSymbolizer(text({ labelProps: ['name'], fontSize: 12 })),
        minzoom: 15,
      },
      {
        dataLayer: 'water_name',
        symbolizer: new P.CenteredTextSymbolizer(
          text({ labelProps: ['name'], fontSize: 12, fontStyle: 'italic', fill: '#1f4e6b' }),
        ),
      },
      {
        dataLayer: 'housenumber',
        symbolizer: new P.CenteredTextSymbolizer(
          text({ labelProps: ['housenumber'], fontSize: 10, fill: '#5a5148' }),
        ),
        minzoom: 18,
      },
    ];

    return function (url, attribution, maxDataZoom) {
      return P.leafletLayer({
        url: url,
        attribution: attribution,
        maxDataZoom: maxDataZoom,
        paintRules: paintRules,
        labelRules: labelRules,
      });
    };
  }
})();
