import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import {
  addVehicleAs,
  expect,
  expectAccessible,
  provisionVehicle,
  signedInPerson,
  test,
  type TestVehicle,
} from './support';

// E1, E2: trips of a period, tagging and the logbook, one trip with its
// route, events and coaching. The car sends its trips through the ingest
// API; a user sees only the trips driven since they got the car, so each
// journey first backdates that moment in the test database (a browser test
// cannot wait two months).

const DAY = 86_400_000;
const TRIPS = 60;

/** Trip `i` (1 = the newest) started `i` days ago at 07:00 UTC. */
function trip(i: number) {
  const start = new Date(Date.now() - i * DAY);
  start.setUTCHours(7, 0, 0, 0);
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000).toISOString();
  const km = 20 + (i % 7);
  const odometer = 20_000 + (TRIPS - i) * 40;
  const route = i === 1
    ? [
      { at: at(0), lat: 51.0259, lon: 4.4776, mode: 'ev' },
      { at: at(10), lat: 51.0502, lon: 4.4410, mode: 'eco' },
      { at: at(20), lat: 51.1100, lon: 4.4200, mode: 'power' },
      { at: at(30), lat: 51.2194, lon: 4.4025 },
    ]
    : [];
  return {
    message_id: `e2e-trip-${i}`,
    recorded_at: at(31),
    trip: {
      started_at: at(0),
      ended_at: at(30),
      start: { lat: 51.0259, lon: 4.4776, label: 'Kerkhofweg 1, 2800 Mechelen' },
      end: { lat: 51.2194, lon: 4.4025, label: 'Groenplaats 5, 2000 Antwerpen' },
      distance_km: km,
      fuel_used_l: 1.2,
      ev_distance_km: 8,
      ev_time_s: 600,
      eco_distance_km: 9,
      power_distance_km: 2,
      odometer_start_km: odometer,
      odometer_end_km: odometer + km,
      hybrid_score: 60 + (i % 30),
      score_acceleration: 70,
      score_braking: i === 1 ? 40 : 75,
      score_constant_speed: 80,
      events: i === 1 ? [{ at: at(15), kind: 'harsh_braking', lat: 51.0800, lon: 4.4300 }] : [],
      route,
    },
  };
}

/** Backdates when the owner got `vin`: the trips before that are not theirs. */
function ownedSince(vin: string, days: number) {
  const db = path.join(process.env.E2E_DB_DIR!, 'e2e.db');
  const since = Math.floor((Date.now() - days * DAY) / 1000);
  execFileSync('python3', ['-c', [
    'import sqlite3, sys',
    'c = sqlite3.connect(sys.argv[1], timeout=10)',
    'c.execute("UPDATE vehicle_users SET since = ? WHERE vehicle_id = (SELECT id FROM vehicles WHERE vin = ?)", (int(sys.argv[2]), sys.argv[3]))',
    'c.commit()',
  ].join('\n'), db, String(since), vin]);
}

/** An owner with two months of trips, on the trips page. */
async function ownerWithTrips(page: Page, request: APIRequestContext, tag: string): Promise<TestVehicle> {
  const car = await provisionVehicle(request, { model: 'NX 450h+', family: 'nx', powertrain: 'plug_in_hybrid' });
  await signedInPerson(page, request, tag);
  await addVehicleAs(page, car, { activation_code: car.activationCode });
  ownedSince(car.vin, 90);
  const messages = Array.from({ length: TRIPS }, (_, k) => trip(TRIPS - k));
  const res = await request.post(`/api/ingest/vehicles/${car.vin}/messages`, {
    headers: { authorization: `Bearer ${car.ingestKey}` },
    data: { messages },
  });
  expect(res.status(), await res.text()).toBe(200);
  await page.goto('/trips');
  await expect(page.getByRole('heading', { level: 1, name: 'Ritten' })).toBeVisible();
  return car;
}

const list = (page: Page) => page.getByRole('region', { name: 'Ritten, nieuwste eerst' });
const rows = (page: Page) => list(page).locator('tbody tr');

test('E1 browse the trips of a period and load older ones', async ({ page, request }) => {
  await ownerWithTrips(page, request, 'e1-browse');
  await expect(rows(page)).toHaveCount(50);
  const first = rows(page).first();
  await expect(first).toContainText('Kerkhofweg 1, 2800 Mechelen → Groenplaats 5, 2000 Antwerpen');
  await expect(first).toContainText('21,0 km');
  await expectAccessible(page, 'the trips list');
  await page.getByRole('button', { name: 'Oudere ritten tonen' }).click();
  await expect(rows(page)).toHaveCount(TRIPS);
  await expect(page.locator('#trips-list-row-50')).toBeFocused();
  await expect(page.getByRole('button', { name: 'Oudere ritten tonen' })).toHaveCount(0);

  // A shorter period: only its trips, and its totals.
  const from = new Date(Date.now() - 10 * DAY).toISOString().slice(0, 10);
  await page.getByLabel('Van', { exact: true }).fill(from);
  await page.getByLabel('Van', { exact: true }).dispatchEvent('change');
  const expected = Array.from({ length: TRIPS }, (_, k) => k + 1)
    .filter((i) => new Date(Date.now() - i * DAY).toISOString().slice(0, 10) >= from).length;
  await expect(rows(page)).toHaveCount(expected);
  const totals = page.getByRole('table', { name: /^Ritten per soort/ });
  await expect(totals.getByRole('row', { name: /Niet aangeduid/ })).toContainText(String(expected));
  // An end before the start is said at the field; the list stays.
  await page.getByLabel('Tot en met', { exact: true }).fill(new Date(Date.now() - 20 * DAY).toISOString().slice(0, 10));
  await page.getByLabel('Tot en met', { exact: true }).dispatchEvent('change');
  await expect(page.locator('#trips-to-error')).toBeVisible();
});

test('E2 tag several trips business, see the totals and export the logbook', async ({ page, request }) => {
  await ownerWithTrips(page, request, 'e2-tag');
  for (let k = 0; k < 3; k += 1) {
    await rows(page).nth(k).getByRole('checkbox').check();
  }
  await expect(page.getByText('Geselecteerd: 3')).toBeVisible();
  await page.getByRole('group', { name: 'Geselecteerde ritten indelen' }).getByRole('button', { name: 'Zakelijk', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Gemarkeerd als Zakelijk: 3.' })).toBeVisible();
  const totals = page.getByRole('table', { name: /^Ritten per soort/ });
  await expect(totals.getByRole('row', { name: /^Zakelijk/ })).toContainText('3');
  for (let k = 0; k < 3; k += 1) await expect(rows(page).nth(k)).toContainText('Zakelijk');
  await expect(rows(page).nth(3)).toContainText('Niet aangeduid');
  await expectAccessible(page, 'trips after tagging');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Rittenlogboek van deze periode downloaden (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^rittenlogboek_.*\.csv$/);
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).split('\r\n').filter((l) => l !== '');
  expect(lines.some((l) => l.includes('Datum;Vertrek;Aankomst'))).toBe(true);
  expect(lines.filter((l) => l.includes(';Zakelijk;'))).toHaveLength(3);
  expect(lines.filter((l) => l.includes('Kerkhofweg 1, 2800 Mechelen'))).toHaveLength(TRIPS);
});

test('E2 tag a trip private by keyboard only', async ({ page, request }) => {
  await ownerWithTrips(page, request, 'e2-keys');
  const box = rows(page).first().getByRole('checkbox');
  await box.focus();
  await page.keyboard.press('Space');
  await expect(box).toBeChecked();
  const privateButton = page.getByRole('group', { name: 'Geselecteerde ritten indelen' }).getByRole('button', { name: 'Privé', exact: true });
  for (let i = 0; i < 20 && !(await privateButton.evaluate((b) => b === document.activeElement)); i += 1) {
    await page.keyboard.press('Shift+Tab');
  }
  await expect(privateButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Gemarkeerd als Privé: 1.' })).toBeVisible();
  await expect(rows(page).first()).toContainText('Privé');
});

test('E1 open a trip: route by driving mode, events on the map and in the list, coaching', async ({ page, request }) => {
  await ownerWithTrips(page, request, 'e1-detail');
  await rows(page).first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: /^Rit van / })).toBeVisible();
  const map = page.getByRole('region', { name: 'Kaart van de rit met de gebeurtenissen' });
  await expect(map.getByRole('button', { name: 'Vertrek' })).toBeVisible();
  await expect(map.getByRole('button', { name: 'Aankomst' })).toBeVisible();
  const event = map.getByRole('button', { name: /^Hard remmen om \d\d:\d\d$/ });
  await expect(event).toBeVisible();
  // One line per driving mode, and the same colours in words.
  await expect(map.locator('path.ml-map__route')).toHaveCount(3);
  await expect(page.getByRole('list', { name: 'Kleuren van de route' }).getByRole('listitem')).toHaveText([
    'Elektrisch (motor uit)', 'Eco', 'Power (veel vermogen gevraagd)',
  ]);
  const events = page.getByRole('table', { name: 'Bruuske manoeuvres tijdens de rit' });
  await expect(events.getByRole('row', { name: /Hard remmen/ })).toContainText((await event.getAttribute('title'))!.slice(-5));
  const scores = page.getByRole('table', { name: 'Hybride score en zijn onderdelen (0–100)' });
  await expect(scores.getByRole('row', { name: /Remmen/ })).toContainText('40');
  await expect(page.getByText('Hier valt deze rit het meest te winnen: Remmen.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Tips voor de volgende rit' })).toBeVisible();
  await expectAccessible(page, 'one trip');

  await page.getByRole('radio', { name: 'Zakelijk' }).check();
  await page.getByRole('textbox', { name: 'Notitie (optioneel)' }).fill('Klant Antwerpen');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'De rit is opgeslagen.' })).toBeVisible();
  await page.getByRole('link', { name: 'Terug naar de ritten' }).click();
  await expect(rows(page).first()).toContainText('Klant Antwerpen');
  await expect(rows(page).first()).toContainText('Zakelijk');
});
