import type { APIRequestContext, Page } from '@playwright/test';
import {
  addVehicleAs,
  expect,
  expectAccessible,
  provisionVehicle,
  sendStatus,
  signedInPerson,
  test,
  type TestVehicle,
} from './support';

// Real streets and real walking routes, offline: the server serves vector
// tiles of the Monaco extract and asks a real osrm-routed for the walks
// (both started by playwright.config.ts from scripts/map-data.sh's output).

/** Parked on Avenue de la Costa, above the port. */
const PARKED = { lat: 43.73895, lon: 7.42629, label: 'Avenue de la Costa, Monaco' };
/** Where the navigation was heading: the Oceanographic Museum. */
const DESTINATION = { lat: 43.73097, lon: 7.42539, label: 'Musée Océanographique, Monaco' };
/** The visitor, on the quay of Port Hercule. */
const VISITOR = { latitude: 43.73491, longitude: 7.42195 };

let counter = 0;
/** The car stops at `PARKED` now, its navigation heading for `destination`
 * (a user sees only what the car reported since they added it). */
async function park(request: APIRequestContext, v: TestVehicle, destination: object | null) {
  counter += 1;
  const res = await request.post(`/api/ingest/vehicles/${v.vin}/messages`, {
    headers: { authorization: `Bearer ${v.ingestKey}` },
    data: {
      messages: [
        {
          message_id: `e2e-map-${Date.now()}-${process.pid}-${counter}`,
          recorded_at: new Date().toISOString(),
          parked: destination ? { position: PARKED, destination } : { position: PARKED },
        },
      ],
    },
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** A signed-in owner of a car parked in Monaco, on the map page. */
async function ownerOnMap(page: Page, request: APIRequestContext, tag: string, destination: object | null = DESTINATION) {
  const car = await provisionVehicle(request, { model: 'NX 450h+', family: 'nx', powertrain: 'plug_in_hybrid' });
  await signedInPerson(page, request, tag);
  await addVehicleAs(page, car, { activation_code: car.activationCode });
  await park(request, car, destination);
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Kaart' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kaart' })).toBeFocused();
  return car;
}

/** "850 m" / "1,2 km", as the page writes a distance in Dutch. */
function dutchDistance(m: number): string {
  return m < 1000 ? `${Math.round(m / 10) * 10} m` : `${(m / 1000).toFixed(1).replace('.', ',')} km`;
}

test.describe('with the visitor\'s position', () => {
  test.use({ geolocation: VISITOR, permissions: ['geolocation'] });

  test('D1 find the car and walk to it: route, steps and map tell the same', async ({ page, request }) => {
    await ownerOnMap(page, request, 'd1-walk');
    const find = page.getByRole('region', { name: 'Waar staat mijn wagen?' });
    await expect(find.getByText('Avenue de la Costa, Monaco')).toBeVisible();
    await expect(find.getByText(/\(zonet\)/)).toBeVisible();
    const map = find.getByRole('region', { name: 'Kaart met de parkeerplaats van uw wagen' });
    await expect(map.getByRole('button', { name: 'Uw wagen' })).toBeVisible();
    // The tiles come from our own server and are drawn.
    await expect(map.locator('canvas').first()).toBeVisible();
    await expect(map.getByText('© OpenStreetMap contributors')).toBeVisible();

    const walk = page.waitForResponse((r) => r.url().includes('/walk?'));
    await find.getByRole('button', { name: 'Wandel naar mijn wagen' }).click();
    const answer = await (await walk).json();
    expect(answer.route.distance_m).toBeGreaterThan(400);
    expect(answer.route.steps.length).toBeGreaterThan(2);

    // The words: distance, time and one sentence per step.
    await expect(find.getByText(`${dutchDistance(answer.route.distance_m)} te voet, ongeveer`)).toBeVisible();
    const steps = find.getByRole('list', { name: 'Route stap voor stap' }).getByRole('listitem');
    await expect(steps).toHaveCount(answer.route.steps.length);
    await expect(steps.first()).toContainText('Vertrek');
    await expect(steps.last()).toHaveText('U bent er');
    const named = answer.route.steps.find((s: { street: string | null }) => s.street);
    await expect(find.getByRole('list', { name: 'Route stap voor stap' })).toContainText(named.street);
    // The map: both ends pinned and the route drawn along the same points.
    await expect(map.getByRole('button', { name: 'Uw positie' })).toBeVisible();
    await expect(map.locator('path.ml-map__route')).toHaveCount(1);
    // Hand-off to other apps, to the car's position.
    await expect(find.getByRole('link', { name: /Google Maps/ })).toHaveAttribute(
      'href',
      `https://www.google.com/maps/dir/?api=1&destination=${PARKED.lat},${PARKED.lon}&travelmode=walking`,
    );
    await expect(find.getByRole('link', { name: /Apple Kaarten/ })).toHaveAttribute('href', /daddr=43\.73895,7\.42629/);
    await expectAccessible(page, 'the map with a walking route');
  });

  test('D2 car to door: from the parked car to the navigation\'s destination', async ({ page, request }) => {
    await ownerOnMap(page, request, 'd2-door');
    const door = page.getByRole('region', { name: 'Van wagen tot deur' });
    await expect(door.getByText('Musée Océanographique, Monaco')).toBeVisible();
    const map = door.getByRole('region', { name: 'Kaart met de wandelroute van uw wagen naar uw bestemming' });
    await expect(map.getByRole('button', { name: 'Uw wagen' })).toBeVisible();
    await expect(map.getByRole('button', { name: 'Bestemming' })).toBeVisible();
    await expect(map.locator('path.ml-map__route')).toHaveCount(1);
    await expect(door.getByText(/ te voet, ongeveer \d+ min/)).toBeVisible();
    await expect(door.getByRole('list', { name: 'Route stap voor stap' }).getByRole('listitem').last()).toHaveText('U bent er');
    await expectAccessible(page, 'car to door');
  });

  test('D2 a trip without a destination says so', async ({ page, request }) => {
    await ownerOnMap(page, request, 'd2-none', null);
    const door = page.getByRole('region', { name: 'Van wagen tot deur' });
    await expect(door.getByText('Bij uw laatste rit was er geen bestemming ingesteld in de navigatie.')).toBeVisible();
  });

  test('D1 privacy mode hides every position and says how to turn it off', async ({ page, request }) => {
    const car = await ownerOnMap(page, request, 'd1-privacy');
    await sendStatus(request, car, { privacy_mode: true });
    await page.reload();
    await expect(page.getByText('De privacymodus van deze wagen staat aan')).toBeVisible();
    await expect(page.getByText('Avenue de la Costa')).toHaveCount(0);
    await expect(page.locator('.leaflet-container')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Wandel naar mijn wagen' })).toHaveCount(0);
    await expectAccessible(page, 'the map in privacy mode');
  });
});

test('D1 without permission for the position the car is still shown, with a way out', async ({ page, request }) => {
  await ownerOnMap(page, request, 'd1-denied');
  const find = page.getByRole('region', { name: 'Waar staat mijn wagen?' });
  await find.getByRole('button', { name: 'Wandel naar mijn wagen' }).click();
  await expect(find.getByRole('alert')).toContainText('U hebt geen toestemming gegeven om uw positie te gebruiken.');
  await expect(find.getByRole('button', { name: 'Uw wagen' })).toBeVisible();
  await expect(find.getByRole('link', { name: /Google Maps/ })).toBeVisible();
  await expectAccessible(page, 'the map without the visitor\'s position');
});

test('D1 the map is operable by keyboard', async ({ page, request }) => {
  await ownerOnMap(page, request, 'd1-keys');
  const find = page.getByRole('region', { name: 'Waar staat mijn wagen?' });
  const map = find.getByRole('region', { name: 'Kaart met de parkeerplaats van uw wagen' });
  await expect(map.getByRole('button', { name: 'Uw wagen' })).toBeVisible();
  await map.getByRole('button', { name: 'Inzoomen' }).focus();
  await page.keyboard.press('Enter');
  await map.getByRole('button', { name: 'Uw wagen' }).focus();
  await expect(map.getByRole('button', { name: 'Uw wagen' })).toBeFocused();
  // Leaflet pans the focused map with the arrow keys.
  const container = page.locator('.leaflet-container').first();
  await container.focus();
  const before = await page.locator('.leaflet-map-pane').first().getAttribute('style');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => page.locator('.leaflet-map-pane').first().getAttribute('style')).not.toBe(before);
});
