import { defineConfig, devices } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The journeys run against what ships: the release SPA in dist/ served by the
// release server, with a fresh SQLite database and the dev-mode outbox.
const root = path.resolve(__dirname, '..');
const port = Number(process.env.E2E_PORT ?? 8765);
const serverBin = process.env.MIJN_LEXUS_SERVER_BIN ?? path.join(root, 'target/release/mijn-lexus-server');
const dist = process.env.MIJN_LEXUS_DIST ?? path.join(root, 'dist');
// Workers re-read this file: create the database folder once and hand it on.
if (!process.env.E2E_DB_DIR) {
  process.env.E2E_DB_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'mijn-lexus-e2e-'));
}
const dbFile = path.join(process.env.E2E_DB_DIR, 'e2e.db');
export const baseURL = `http://127.0.0.1:${port}`;
// The legal-versions project (A4) gets its own server and database.
const legalPort = port + 1;
const legalDbFile = path.join(process.env.E2E_DB_DIR, 'e2e-legal.db');
export const legalBaseURL = `http://127.0.0.1:${legalPort}`;
// The offline map region (scripts/map-data.sh): vector tiles and the world
// outline served by our server, walking routes from a real osrm-routed.
const mapData = process.env.MAP_DATA ?? path.join(root, 'data/map');
const routingPort = port + 2;

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: '.tmp/results.json' }]],
  use: {
    baseURL,
    locale: 'nl-BE',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    {
      name: 'desktop',
      testIgnore: /legal-version\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], channel: undefined },
    },
    {
      name: 'legal-versions',
      testMatch: /legal-version\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], channel: undefined, baseURL: legalBaseURL },
    },
  ],
  // The second server has a database of its own: a published legal version
  // gates every user of a database (A4), so those journeys run apart.
  webServer: [routingEngine(), server(port, dbFile), server(legalPort, legalDbFile)],

});

/** The release server on `port` with its own SQLite file, in dev mode. */
function server(port: number, db: string) {
  const url = `http://127.0.0.1:${port}`;
  return {
    command: [
      serverBin,
      '--bind 127.0.0.1',
      `--port ${port}`,
      `--static-dir ${dist}`,
      `--database-url sqlite://${db}`,
      `--public-url ${url}`,
      '--dev',
      // Every journey comes from 127.0.0.1: per-address limits stay as
      // shipped, per-IP limits are raised so parallel journeys don't trip them.
      '--sign-in-per-ip 1000',
      '--register-per-ip 1000',
      '--email-per-ip 1000',
      // Backend and admin credentials of the test server only.
      '--telematics-token e2e-telematics-token',
      '--admin-token e2e-admin-token',
      `--tiles-mbtiles ${path.join(mapData, 'monaco.mbtiles')}`,
      `--map-world-geojson ${path.join(mapData, 'world.geojson')}`,
      `--routing-url http://127.0.0.1:${routingPort}`,
      `--geocoding-index ${path.join(mapData, 'monaco.geocode.json')}`,
    ].join(' '),
    url: `${url}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe'
  };
}

/** OSRM with the walking graph of the Monaco extract, on loopback. */
function routingEngine() {
  const url = `http://127.0.0.1:${routingPort}`;
  return {
    command: [
      path.join(mapData, 'osrm/bin/osrm-routed'),
      '--algorithm mld',
      '--ip 127.0.0.1',
      `--port ${routingPort}`,
      path.join(mapData, 'foot/monaco.osrm'),
    ].join(' '),
    // Ready once it answers a route (it has no health endpoint).
    url: `${url}/route/v1/foot/7.4246,43.7384;7.4260,43.7390`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe'
  };
}
