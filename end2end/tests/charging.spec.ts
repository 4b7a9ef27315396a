import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { APIRequestContext, Locator, Page, Response } from '@playwright/test';
import {
  addVehicleAs,
  carAcknowledges,
  chooseAddress,
  expect,
  expectAccessible,
  pageApi,
  provisionVehicle,
  sendStatus,
  signedInPerson,
  test,
  type TestVehicle,
} from './support';

// D4: public charge points near a place or near the car. The journeys bring
// their own charge points, with known availability, through the server's
// OCPI importer (`mijn-lexus-server import-charge-points`, the operator's
// way in) into the test server's database: the test server runs without
// the demo simulator, so nothing changes them behind the journeys' back.

/** Where the car parks: Avenue de la Costa, above the port (as in map.spec.ts). */
const PARKED = { lat: 43.73895, lon: 7.42629, label: 'Avenue de la Costa, Monaco' };

const CASINO = 'E2E Laadplein Casino';
const PORT = 'E2E Snellader Port';
const FONTVIEILLE = 'E2E Laadpaal Fontvieille';
const LARVOTTO = 'E2E Snellader Larvotto';
const GARE = 'E2E Stopcontact Gare';
const ALL = [CASINO, PORT, FONTVIEILLE, LARVOTTO, GARE];

const UPDATED = '2026-11-20T08:00:00Z';
type Status = 'AVAILABLE' | 'CHARGING' | 'RESERVED' | 'OUTOFORDER';
interface Plug { standard: string; power_type: string; volts: number; amps: number; watts?: number }
const TYPE2_22 = { standard: 'IEC_62196_T2', power_type: 'AC_3_PHASE', volts: 230, amps: 32 };
const TYPE2_11 = { standard: 'IEC_62196_T2', power_type: 'AC_3_PHASE', volts: 230, amps: 16 };
const CCS_150 = { standard: 'IEC_62196_T2_COMBO', power_type: 'DC', volts: 920, amps: 500, watts: 150_000 };
const CCS_300 = { standard: 'IEC_62196_T2_COMBO', power_type: 'DC', volts: 920, amps: 500, watts: 300_000 };
const CCS_50 = { standard: 'IEC_62196_T2_COMBO', power_type: 'DC', volts: 500, amps: 100 };
const CHADEMO_62 = { standard: 'CHADEMO', power_type: 'DC', volts: 500, amps: 125 };
const SCHUKO = { standard: 'DOMESTIC_F', power_type: 'AC_1_PHASE', volts: 230, amps: 16 };

function location(id: string, name: string, address: string, lat: number, lon: number, evses: [Status, Plug[]][]) {
  return {
    country_code: 'MC', party_id: 'E2E', id, name, address, city: 'Monaco', postal_code: '98000', country: 'MCO',
    coordinates: { latitude: lat.toFixed(6), longitude: lon.toFixed(6) },
    operator: { name: 'E2E Charge' }, time_zone: 'Europe/Monaco', opening_times: { twentyfourseven: true },
    last_updated: UPDATED,
    evses: evses.map(([status, plugs], i) => ({
      uid: `${id}-${i + 1}`, evse_id: `MC*E2E*E${id.replace(/-/g, '')}*${i + 1}`, status, last_updated: UPDATED,
      connectors: plugs.map((p, j) => ({
        id: `${j + 1}`, standard: p.standard, format: p.power_type === 'DC' ? 'CABLE' : 'SOCKET',
        power_type: p.power_type, max_voltage: p.volts, max_amperage: p.amps,
        ...(p.watts ? { max_electric_power: p.watts } : {}), last_updated: UPDATED,
      })),
    })),
  };
}

const LOCATIONS = [
  location('E2E-CASINO', CASINO, 'Place du Casino', 43.7393, 7.4276, [['AVAILABLE', [TYPE2_22]], ['CHARGING', [TYPE2_22]]]),
  location('E2E-PORT', PORT, 'Quai Antoine Ier', 43.7339, 7.4259, [['CHARGING', [CCS_150, CHADEMO_62]], ['RESERVED', [CCS_150]]]),
  location('E2E-FONTVIEILLE', FONTVIEILLE, 'Avenue Albert II', 43.72869, 7.41705, [['OUTOFORDER', [TYPE2_11]]]),
  location('E2E-LARVOTTO', LARVOTTO, 'Avenue Princesse Grace', 43.74486, 7.4349, [['AVAILABLE', [CCS_300]], ['AVAILABLE', [CCS_50]]]),
  location('E2E-GARE', GARE, 'Avenue Prince Pierre', 43.7389, 7.4205, [['AVAILABLE', [SCHUKO]]]),
];

/** Imports the journeys' charge points (the same file each time: an import
 * replaces a location with the same id, so parallel workers agree). */
test.beforeAll(() => {
  const root = path.resolve(__dirname, '../..');
  const server = process.env.MIJN_LEXUS_SERVER_BIN ?? path.join(root, 'target/release/mijn-lexus-server');
  const db = path.join(process.env.E2E_DB_DIR!, 'e2e.db');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ocpi-')), 'locations.json');
  fs.writeFileSync(file, JSON.stringify({ data: LOCATIONS, status_code: 1000, timestamp: UPDATED }));
  execFileSync(server, ['--database-url', `sqlite://${db}`, 'import-charge-points', '--file', file]);
});

interface Station { name: string; distance_km: number; available_evses: number; total_evses: number }
const isCharges = (r: Response) => new URL(r.url()).pathname.endsWith('/charge-points');

/** Runs `act` and hands back the stations of the charge-point search it causes. */
async function search(page: Page, act: () => Promise<unknown>): Promise<Station[]> {
  const answer = page.waitForResponse(isCharges);
  await act();
  const res = await answer;
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).charge_points as Station[];
}

const ours = (stations: Station[]) => stations.map((s) => s.name).filter((n) => ALL.includes(n));

/** The station names the list shows, in order, and the pins the map shows. */
async function expectShown(page: Page, stations: Station[]) {
  const names = stations.map((s) => s.name);
  const status = page.getByRole('status').filter({ hasText: /laadstation/ });
  await expect(status).toHaveText(
    names.length === 0 ? /^Geen laadstations gevonden binnen 10 km/ : `${names.length} laadstation${names.length === 1 ? '' : 's'} gevonden binnen 10 km.`,
  );
  const list = page.getByRole('list', { name: 'Laadstations, dichtstbijzijnde eerst' });
  if (names.length === 0) {
    await expect(list).toHaveCount(0);
    return;
  }
  await expect(list.getByRole('heading', { level: 3 })).toHaveText(names);
  const map = page.getByRole('region', { name: 'Kaart met de gevonden laadstations' });
  for (const name of ALL) {
    await expect(map.getByRole('button', { name: new RegExp(`^${name} – `) })).toHaveCount(names.includes(name) ? 1 : 0);
  }
}

/** The list shows the answer's stations, nearest first. */
async function expectShownNames(page: Page, stations: Station[]) {
  const list = page.getByRole('list', { name: 'Laadstations, dichtstbijzijnde eerst' });
  await expect(list.getByRole('heading', { level: 3 })).toHaveText(stations.map((s) => s.name));
}

/** The list entry of one station. */
const stationItem = (page: Page, name: string): Locator =>
  page.getByRole('list', { name: 'Laadstations, dichtstbijzijnde eerst' }).getByRole('listitem').filter({
    has: page.getByRole('heading', { level: 3, name, exact: true }),
  });

/** Searches a place by address and chooses the result named `label`. */
async function choosePlace(page: Page, query: string, label: string, field = 'Adres of plaats'): Promise<Station[]> {
  return search(page, () => chooseAddress(page, field, query, label));
}

/** An owner whose car is parked in Monaco now, on the charging page. */
async function ownerWithCar(page: Page, request: APIRequestContext, tag: string, parked = true): Promise<TestVehicle> {
  const car = await provisionVehicle(request, { model: 'NX 450h+', family: 'nx', powertrain: 'plug_in_hybrid' });
  await signedInPerson(page, request, tag);
  await addVehicleAs(page, car, { activation_code: car.activationCode });
  if (parked) {
    const res = await request.post(`/api/ingest/vehicles/${car.vin}/messages`, {
      headers: { authorization: `Bearer ${car.ingestKey}` },
      data: {
        messages: [{ message_id: `e2e-d4-${car.vin}`, recorded_at: new Date().toISOString(), parked: { position: PARKED } }],
      },
    });
    expect(res.status(), await res.text()).toBe(200);
  }
  return car;
}

test('D4 filter charge points by plug, power and availability: list and map change together', async ({ page, request }) => {
  await signedInPerson(page, request, 'd4-filter');
  await page.goto('/map/charging');
  await expect(page.getByRole('heading', { level: 1, name: 'Laadpunten' })).toBeVisible();
  // Without a car only the place search is offered.
  await expect(page.getByRole('radio')).toHaveCount(0);
  await expect(page.getByText('Zoek een adres of plaats en kies er een uit de lijst')).toBeVisible();
  await expectAccessible(page, 'the charging page before a search');

  let stations = await choosePlace(page, 'Place du Casino', 'Place du Casino');
  await expect(page.getByText('Laadpunten in de buurt van Place du Casino')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Adres of plaats' })).toBeFocused();
  expect(ours(stations).sort()).toEqual([...ALL].sort());
  await expectShown(page, stations);
  // Nearest first.
  expect(stations.map((s) => s.distance_km)).toEqual([...stations.map((s) => s.distance_km)].sort((a, b) => a - b));
  await expectAccessible(page, 'charge points near a place');

  // CCS only: the two fast chargers.
  stations = await search(page, () => page.getByLabel('Stekker').selectOption({ label: 'CCS (Combo 2)' }));
  expect(ours(stations).sort()).toEqual([LARVOTTO, PORT]);
  await expectShown(page, stations);
  // At least 150 kW: both still (150 and 300 kW).
  stations = await search(page, () => page.getByLabel('Minimaal laadvermogen').selectOption({ label: 'Minstens 150 kW (ultrasnel laden)' }));
  expect(ours(stations).sort()).toEqual([LARVOTTO, PORT]);
  // Available now: the port's are all in use or reserved.
  stations = await search(page, () => page.getByLabel('Nu beschikbaar').check());
  expect(ours(stations)).toEqual([LARVOTTO]);
  await expectShown(page, stations);
  // Any plug again, still 150 kW and free: only Larvotto.
  stations = await search(page, () => page.getByLabel('Stekker').selectOption({ label: 'Alle stekkers' }));
  expect(ours(stations)).toEqual([LARVOTTO]);
  // Any power, free now: Casino, Larvotto and the Schuko socket.
  stations = await search(page, () => page.getByLabel('Minimaal laadvermogen').selectOption({ label: 'Elk vermogen' }));
  expect(ours(stations).sort()).toEqual([CASINO, LARVOTTO, GARE].sort());
  await expectShown(page, stations);
  // Nothing matches: the status says what to change, the choices stay.
  stations = await search(page, () => page.getByLabel('Stekker').selectOption({ label: 'Type 1' }));
  expect(ours(stations)).toEqual([]);
  if (stations.length === 0) await expectShown(page, stations);
  await expect(page.getByLabel('Stekker')).toHaveValue('IEC_62196_T1');
  await expect(page.getByLabel('Nu beschikbaar')).toBeChecked();
  await expect(page.getByRole('combobox', { name: 'Adres of plaats' })).toHaveValue('Place du Casino');
  await expectAccessible(page, 'charge points, none matching');
});

test('D4 availability in words and on the pins, the same facts twice', async ({ page, request }) => {
  await signedInPerson(page, request, 'd4-availability');
  await page.goto('/map/charging');
  const stations = await choosePlace(page, 'Place du Casino', 'Place du Casino');
  const map = page.getByRole('region', { name: 'Kaart met de gevonden laadstations' });
  const expected: [string, string, string, number, number][] = [
    [CASINO, 'Beschikbaar', 'pin-charge-available', 1, 2],
    [PORT, 'Bezet', 'pin-charge-occupied', 0, 2],
    [FONTVIEILLE, 'Buiten gebruik', 'pin-charge-out-of-order', 0, 1],
    [LARVOTTO, 'Beschikbaar', 'pin-charge-available', 2, 2],
  ];
  for (const [name, state, pin, free, total] of expected) {
    const s = stations.find((x) => x.name === name)!;
    expect([s.available_evses, s.total_evses]).toEqual([free, total]);
    const words = `${state}, ${free} van ${total} laadpunten vrij`;
    await expect(stationItem(page, name).locator('.ml-charging__state')).toHaveText(words);
    const marker = map.getByRole('button', { name: `${name} – ${words}`, exact: true });
    await expect(marker).toBeVisible();
    await expect(marker).toHaveAttribute('src', new RegExp(`${pin}\\.svg$`));
  }
  // Per charging point: its plugs, power and status in words.
  const port = stationItem(page, PORT).getByRole('table', { name: `Laadpunten van ${PORT}` });
  await expect(port.getByRole('row', { name: /Laadpunt 1/ })).toContainText('Bezet: er wordt geladen');
  await expect(port.getByRole('row', { name: /Laadpunt 1/ })).toContainText('CCS (Combo 2) · 150 kW DC');
  await expect(port.getByRole('row', { name: /Laadpunt 1/ })).toContainText('CHAdeMO · 62,5 kW DC');
  await expect(port.getByRole('row', { name: /Laadpunt 2/ })).toContainText('Gereserveerd');
  const fontvieille = stationItem(page, FONTVIEILLE);
  await expect(fontvieille.getByRole('row', { name: /Laadpunt 1/ })).toContainText('Defect');
  await expect(fontvieille.getByRole('row', { name: /Laadpunt 1/ })).toContainText('Type 2 (Mennekes) · 11 kW AC');
  await expect(stationItem(page, CASINO)).toContainText('Place du Casino, 98000 Monaco');
  await expect(stationItem(page, CASINO)).toContainText('E2E Charge');
  // The legend says what each pin means, in words.
  const legend = page.getByRole('list', { name: 'Markeringen op de kaart' });
  await expect(legend.getByRole('listitem')).toHaveText([
    'Beschikbaar: minstens één laadpunt is vrij',
    'Bezet: alle laadpunten zijn in gebruik of gereserveerd',
    'Buiten gebruik: geen enkel laadpunt is nu bruikbaar',
  ]);
  await expectAccessible(page, 'availability in words and pins');
});

test('D4 near my car in Monaco: nearest first, from where it is parked', async ({ page, request }) => {
  await ownerWithCar(page, request, 'd4-car');
  const stations = await search(page, () => page.goto('/map/charging'));
  await expect(page.getByRole('radio', { name: 'Mijn wagen' })).toBeChecked();
  await expect(page.getByText('We zoeken rond de plaats waar uw wagen het laatst geparkeerd werd.')).toBeVisible();
  expect(ours(stations).sort()).toEqual([...ALL].sort());
  await expectShown(page, stations);
  // The nearest to the car is the casino's, some 120 m away.
  expect(stations[0].name).toBe(CASINO);
  await expect(stationItem(page, CASINO)).toContainText(`Afstand${Math.round(stations[0].distance_km * 100) * 10} m`);
  // The car's position itself is neither sent nor pinned.
  await expect(page.getByRole('button', { name: 'Uw wagen' })).toHaveCount(0);
  expect(JSON.stringify(stations)).not.toContain(String(PARKED.lat));
  // The filters apply near the car too.
  const free = await search(page, () => page.getByLabel('Nu beschikbaar').check());
  expect(ours(free).sort()).toEqual([CASINO, LARVOTTO, GARE].sort());
  await expectShown(page, free);
  await expectAccessible(page, 'charge points near the car');
});

test('D4 privacy mode: the page says why, and the place search still works by keyboard', async ({ page, request }) => {
  const car = await ownerWithCar(page, request, 'd4-privacy');
  await sendStatus(request, car, { privacy_mode: true });
  await page.goto('/map/charging');
  await expect(page.getByRole('status').filter({ hasText: 'De privacymodus staat aan in uw wagen' })).toBeVisible();
  await expect(page.locator('.leaflet-container')).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Laadstations, dichtstbijzijnde eerst' })).toHaveCount(0);
  await expectAccessible(page, 'charge points near a car in privacy mode');

  // Keyboard only from here.
  await page.getByRole('button', { name: 'Zoek bij een adres of plaats' }).focus();
  await page.keyboard.press('Enter');
  const field = page.getByRole('combobox', { name: 'Adres of plaats' });
  await expect(field).toBeFocused();
  await expect(page.getByRole('radio', { name: 'Een adres of plaats' })).toBeChecked();
  await page.keyboard.type('Parking du Larvotto');
  const options = page.getByRole('listbox', { name: 'Adres of plaats' }).getByRole('option');
  await expect(options.first()).toBeVisible();
  const index = (await options.allTextContents()).indexOf('Parking du Larvotto');
  expect(index).toBeGreaterThanOrEqual(0);
  for (let i = 0; i <= index; i += 1) await page.keyboard.press('ArrowDown');
  const stations = await search(page, () => page.keyboard.press('Enter'));
  expect(stations[0].name).toBe(LARVOTTO);
  await expectShown(page, stations);
  // Back to the car and again to the place: what was typed and chosen stays.
  await page.getByRole('radio', { name: 'Mijn wagen' }).check();
  await expect(page.getByRole('status').filter({ hasText: 'De privacymodus staat aan in uw wagen' })).toBeVisible();
  await search(page, () => page.getByRole('radio', { name: 'Een adres of plaats' }).check());
  await expect(field).toHaveValue('Parking du Larvotto');
  await expect(page.getByText('Laadpunten in de buurt van Parking du Larvotto')).toBeVisible();
  // The filters answer to the keyboard as well.
  await page.getByLabel('Nu beschikbaar').focus();
  const free = await search(page, () => page.keyboard.press('Space'));
  expect(ours(free)).not.toContain(PORT);
  // A pin can be reached and has its name.
  const pin = page.getByRole('button', { name: new RegExp(`^${LARVOTTO} – Beschikbaar`) });
  await pin.focus();
  await expect(pin).toBeFocused();
  await expectAccessible(page, 'charge points near a place after privacy mode');
});

test('D4 a car that has not parked yet: told so, with the place search as the way out', async ({ page, request }) => {
  await ownerWithCar(page, request, 'd4-unparked', false);
  await page.goto('/map/charging');
  await expect(page.getByRole('status').filter({ hasText: 'Uw wagen heeft nog geen parkeerplaats doorgegeven.' })).toBeVisible();
  await page.getByRole('button', { name: 'Zoek bij een adres of plaats' }).click();
  await expect(page.getByRole('combobox', { name: 'Adres of plaats' })).toBeFocused();
});

test('D4 in French: the search, the filters and the stations in words', async ({ page, request }) => {
  await signedInPerson(page, request, 'd4-french');
  expect((await pageApi(page, 'PUT', '/api/profile/language', { language: 'fr' })).status()).toBe(204);
  await page.goto('/map/charging');
  await expect(page.getByRole('heading', { level: 1, name: 'Bornes de recharge' })).toBeVisible();
  const stations = await choosePlace(page, 'Place du Casino', 'Place du Casino', 'Adresse ou lieu');
  const n = stations.length;
  await expect(page.getByRole('status').filter({ hasText: /station/ })).toHaveText(
    `${n} station${n === 1 ? '' : 's'} de recharge trouvée${n === 1 ? '' : 's'} dans un rayon de 10 km.`,
  );
  const list = page.getByRole('list', { name: 'Stations de recharge, la plus proche d’abord' });
  await expect(list.getByRole('heading', { level: 3 })).toHaveText(stations.map((s) => s.name));
  const fontvieille = list.getByRole('listitem').filter({ has: page.getByRole('heading', { name: FONTVIEILLE }) });
  await expect(fontvieille.locator('.ml-charging__state')).toHaveText('Hors service, points de charge libres : 0 sur 1');
  await expect(fontvieille.getByRole('row', { name: /Point de charge 1/ })).toContainText('En panne');
  await expect(page.getByRole('button', { name: `${FONTVIEILLE} – Hors service, points de charge libres : 0 sur 1` })).toBeVisible();
  await expect(page.getByLabel('Prise')).toBeVisible();
  await expect(page.getByLabel('Disponible maintenant')).toBeVisible();
  await expectAccessible(page, 'charge points in French');
});

test('D4 send a charge point to the car: it waits in the share history until the car takes it', async ({ page, request }) => {
  const car = await ownerWithCar(page, request, 'd4-send');
  const stations = await search(page, () => page.goto('/map/charging'));
  expect(stations[0].name).toBe(CASINO);
  const send = stationItem(page, CASINO).getByRole('button', { name: 'Stuur naar mijn wagen' });
  // The button says which station it sends.
  await expect(send).toHaveAccessibleDescription(CASINO);
  await send.click();
  await expect(stationItem(page, CASINO).getByRole('status')).toHaveText(
    'Verstuurd naar de navigatie van uw wagen. Volg het bij Bestemming delen',
  );
  await expectAccessible(page, 'a charge point sent to the car');
  await stationItem(page, CASINO).getByRole('link', { name: 'Volg het bij Bestemming delen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bestemming naar de wagen sturen' })).toBeVisible();
  const history = page.getByRole('region', { name: /Bestemmingen die u naar deze wagen stuurde/ });
  await expect(history.getByRole('row', { name: new RegExp(CASINO) })).toContainText('Wacht op de wagen');
  // What the car receives: the station's name, address and position.
  const [sent] = await carAcknowledges(request, car, 'delivered');
  expect(sent.destination).toMatchObject({ label: CASINO, address: 'Place du Casino, 98000 Monaco' });
  expect(sent.destination.lat).toBeCloseTo(43.7393, 4);
  expect(sent.destination.lon).toBeCloseTo(7.4276, 4);
  await expect(history.getByRole('row', { name: new RegExp(CASINO) })).toContainText('Ontvangen door de wagen', { timeout: 15_000 });
});

test('D4 a car without connected navigation is offered no sending', async ({ page, request }) => {
  const car = await provisionVehicle(request, { model: 'CT 200h', family: 'ct', year: 2018 });
  await signedInPerson(page, request, 'd4-old-car');
  await addVehicleAs(page, car, { activation_code: car.activationCode });
  await page.goto('/map/charging');
  await page.getByRole('radio', { name: 'Een adres of plaats' }).check();
  await choosePlace(page, 'Place du Casino', 'Place du Casino');
  await expect(stationItem(page, CASINO)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Stuur naar mijn wagen' })).toHaveCount(0);
});

/** The locator's box once two looks 150 ms apart agree. */
async function settledBox(locator: Locator) {
  let last = await locator.boundingBox();
  for (let i = 0; i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const now = await locator.boundingBox();
    if (now && last && JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  throw new Error('the element kept moving');
}

test('D4 a click on the map searches around that point', async ({ page, request }) => {
  await signedInPerson(page, request, 'd4-pick');
  await page.goto('/map/charging');
  const map = page.getByRole('region', { name: 'Kaart met de gevonden laadstations' });
  await expect(map).toBeVisible();
  await expect(page.getByText('Of klik op de kaart om rond dat punt te zoeken.')).toBeVisible();
  await choosePlace(page, 'Place du Casino', 'Place du Casino');
  // A point east of the Larvotto charger, on the beach: the nearest station
  // is then Larvotto's, and the place is named by its coordinates.
  const pin = map.getByRole('button', { name: new RegExp(`^${LARVOTTO} – `) });
  await map.scrollIntoViewIfNeeded();
  await expect(pin).toBeVisible();
  // The map may still be zooming to the results (Leaflet animates it), and
  // the list below may still be growing: aim once the pin stands still.
  const box = await settledBox(pin);
  const stations = await search(page, () => page.mouse.click(box.x + box.width / 2 + 40, box.y + box.height - 2));
  expect(stations[0].name).toBe(LARVOTTO);
  await expect(page.getByText(/^Laadpunten in de buurt van Punt op de kaart \(43,74\d*; 7,43\d*\)$/)).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Adres of plaats' })).toHaveValue(/^Punt op de kaart/);
  // The point is pinned, for the eye only: the words above name it.
  await expect(map.locator('.leaflet-marker-icon[src$="pin-destination.svg"]')).toHaveCount(1);
  await expect(map.locator('.leaflet-marker-icon[src$="pin-destination.svg"]')).not.toHaveClass(/leaflet-interactive/);
  await expectShownNames(page, stations);
});
