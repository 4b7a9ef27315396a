import type { APIRequestContext, Page } from '@playwright/test';
import {
  addVehicleAs,
  carFetchesRemote,
  carReportsRemote,
  createConfirmedAccount,
  expect,
  expectAccessible,
  mailedLink,
  newPerson,
  openMailedLink,
  pageApi,
  provisionVehicle,
  sendStatus,
  signedInPerson,
  signIn,
  test,
  type TestVehicle,
} from './support';

// F4 remote functions on the vehicle page: climate now, charge now, weekly
// climate and charging schedules, the commands' status live as the car
// (played here through the ingest API) acknowledges them; only the main
// user of a vehicle whose Remote service runs gets the controls.

/** A signed-in owner of a new vehicle (a plug-in or a full hybrid). */
async function owner(page: Page, request: APIRequestContext, tag: string, plugIn: boolean): Promise<TestVehicle> {
  await signedInPerson(page, request, tag);
  const car = await provisionVehicle(
    request,
    plugIn ? { model: 'NX 450h+', family: 'nx', year: 2024, powertrain: 'plug_in_hybrid' } : {},
  );
  await sendStatus(request, car, { odometer_km: 8000, fuel_percent: 60, ...(plugIn ? { battery_percent: 80 } : {}) }, 600);
  await addVehicleAs(page, car, { activation_code: car.activationCode, nickname: 'Gezinswagen' });
  return car;
}

/** Starts the free Remote trial through the API, as the services page does. */
async function remoteTrial(page: Page, vin: string) {
  const res = await pageApi(page, 'POST', `/api/vehicles/${vin}/services/remote`, {
    plan: 'trial',
    idempotency_key: `e2e-remote-trial-${vin}`,
  });
  expect(res.status(), await res.text()).toBe(200);
}

const panel = (page: Page) => page.getByRole('region', { name: 'Bediening op afstand', exact: true });

async function openVehicle(page: Page, vin: string) {
  await page.goto(`/garage/${vin}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Gezinswagen' })).toBeVisible();
}

/** The first (newest) row of the recent commands. */
const newestCommand = (page: Page) =>
  panel(page).getByRole('table', { name: 'Uw recente opdrachten aan deze wagen, nieuwste eerst' }).locator('tbody tr').first();

test('F4 the owner of a plug-in sets a climate schedule and sees the command go queued, delivered, done', async ({ page, request }) => {
  const car = await owner(page, request, 'f4-schedule', true);
  await remoteTrial(page, car.vin);
  await openVehicle(page, car.vin);
  const remote = panel(page);
  await expect(remote.getByRole('heading', { level: 3, name: 'Klimaatregeling nu' })).toBeVisible();
  await expect(remote.getByRole('heading', { level: 3, name: 'Nu laden' })).toBeVisible();
  await expect(remote.getByRole('heading', { level: 3, name: 'Weekplanning laden' })).toBeVisible();
  await expect(remote).toContainText('U hebt deze wagen nog geen opdrachten gestuurd.');
  await expectAccessible(page, 'the remote panel of a plug-in');

  const add = remote.getByRole('form', { name: 'Weekplanning klimaatregeling Planning toevoegen' });
  // Nothing chosen: both problems said, nothing sent.
  await add.getByRole('button', { name: 'Planning toevoegen en versturen' }).click();
  await expect(add).toContainText('Kies minstens één dag.');
  await expect(add.getByLabel('Klaar om')).toHaveAttribute('aria-invalid', 'true');
  await expect(add.getByLabel('Maandag')).toBeFocused();
  await expectAccessible(page, 'the climate schedule form with its errors');

  const days = add.getByRole('group', { name: 'Dagen' });
  await days.getByLabel('Maandag').check();
  await days.getByLabel('Woensdag').check();
  await add.getByLabel('Klaar om').fill('07:30');
  await add.getByLabel('Temperatuur').selectOption('20.5');
  await add.getByLabel('Voorruit ontdooien').check();
  await add.getByRole('button', { name: 'Planning toevoegen en versturen' }).click();

  const schedules = remote.getByRole('table', { name: 'Weekplanning klimaatregeling', exact: true });
  await expect(schedules.locator('tbody tr')).toHaveCount(1);
  await expect(schedules.locator('tbody tr')).toContainText('ma, wo');
  await expect(schedules.locator('tbody tr')).toContainText('07:30');
  await expect(schedules.locator('tbody tr')).toContainText('20,5 °C');
  await expect(schedules.locator('tbody tr')).toContainText('Voorruit');
  await expect(add.getByLabel('Klaar om')).toHaveValue('');
  await expect(newestCommand(page)).toContainText('Weekplanning klimaatregeling');
  await expect(newestCommand(page)).toContainText('Verstuurd, wacht op de wagen');
  const outcome = remote.locator('.ml-subform', { has: page.locator('#remote-cs-heading') }).getByRole('status').first();
  await expect(outcome).toHaveText('Opdracht verstuurd. Ze wacht tot de wagen ze ophaalt.');
  await expectAccessible(page, 'the remote panel with a queued command');

  // The car fetches the list and reports each step; the page follows.
  const pending = await carFetchesRemote(request, car);
  expect(pending).toHaveLength(1);
  expect(pending[0].action.kind).toBe('climate_schedules');
  expect(pending[0].action.schedules).toEqual([
    { enabled: true, days: [1, 3], time: '07:30', temperature_c: 20.5, front_defrost: true, rear_defrost: false },
  ]);
  await carReportsRemote(request, car, pending[0].id, 'delivered');
  await expect(newestCommand(page)).toContainText('Ontvangen door de wagen');
  await expect(outcome).toHaveText('De wagen heeft de opdracht ontvangen.');
  await carReportsRemote(request, car, pending[0].id, 'done');
  await expect(newestCommand(page)).toContainText('Uitgevoerd');
  await expect(outcome).toHaveText('De wagen heeft de opdracht uitgevoerd.');
  await expectAccessible(page, 'the remote panel with a command done');

  // A charging schedule for the plug-in, then the climate schedule removed.
  const charging = remote.getByRole('form', { name: 'Weekplanning laden Planning toevoegen' });
  await charging.getByRole('group', { name: 'Dagen' }).getByLabel('Zondag').check();
  await charging.getByLabel('Begin', { exact: true }).fill('23:00');
  await charging.getByLabel('Einde', { exact: true }).fill('06:00');
  await charging.getByLabel('Laden tot', { exact: true }).selectOption('80');
  await charging.getByRole('button', { name: 'Planning toevoegen en versturen' }).click();
  const chargingTable = remote.getByRole('table', { name: 'Weekplanning laden', exact: true });
  await expect(chargingTable.locator('tbody tr')).toContainText('zo');
  await expect(chargingTable.locator('tbody tr')).toContainText('80%');
  await expect(newestCommand(page)).toContainText('Weekplanning laden');

  // Charge now: the car answers that its cable is not plugged in.
  const chargeNow = remote.getByRole('group', { name: 'Nu laden' });
  await chargeNow.getByRole('button', { name: 'Laden starten' }).click();
  await expect(newestCommand(page)).toContainText('Nu laden');
  await expect(chargeNow.getByRole('status')).toHaveText('Opdracht verstuurd. Ze wacht tot de wagen ze ophaalt.');
  const charge = (await carFetchesRemote(request, car)).find((c) => c.action.kind === 'charge_now');
  expect(charge).toBeDefined();
  await carReportsRemote(request, car, charge!.id, 'failed', 'not_plugged_in');
  await expect(chargeNow.getByRole('status')).toHaveText(
    'De wagen kon de opdracht niet uitvoeren: de laadkabel is niet aangesloten.',
  );
  await expect(newestCommand(page)).toContainText('Mislukt: de laadkabel is niet aangesloten');

  await page.reload();
  await expect(schedules.locator('tbody tr')).toHaveCount(1);
  await schedules.getByRole('button', { name: 'Verwijderen' }).click();
  await expect(remote.locator('#remote-cs-remove-0')).toBeFocused();
  await expectAccessible(page, 'removing a schedule, asked to confirm');
  await remote.getByRole('button', { name: 'Ja, verwijderen' }).click();
  await expect(remote.locator('.ml-subform', { has: page.locator('#remote-cs-heading') })).toContainText('Nog geen planning.');
  await expect(newestCommand(page)).toContainText('Weekplanning klimaatregeling');
  const last = await carFetchesRemote(request, car);
  expect(last.at(-1)?.action.schedules).toEqual([]);
});

test('F4 climate now from the keyboard alone; the car fails and the reason is shown', async ({ page, request }) => {
  const car = await owner(page, request, 'f4-climate', false);
  await remoteTrial(page, car.vin);
  await openVehicle(page, car.vin);
  const remote = panel(page);
  await expect(remote.getByRole('heading', { level: 3, name: 'Klimaatregeling nu' })).toBeVisible();
  // A full hybrid has no plug: no charging.
  await expect(remote.getByRole('heading', { name: 'Nu laden' })).toHaveCount(0);
  await expect(remote.getByRole('heading', { name: 'Weekplanning laden' })).toHaveCount(0);

  // Keyboard only: into the form, choose, send.
  const temperature = remote.getByLabel('Temperatuur').first();
  await temperature.focus();
  await page.keyboard.press('ArrowDown');
  await expect(temperature).toHaveValue('21.5');
  await page.keyboard.press('Tab');
  await expect(remote.getByLabel('Voorruit ontdooien').first()).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(remote.getByLabel('Duur')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(remote.getByLabel('Duur')).toHaveValue('20');
  await page.keyboard.press('Tab');
  await expect(remote.getByRole('button', { name: 'Klimaatregeling starten' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(newestCommand(page)).toContainText('Klimaatregeling nu, 21,5 °C');
  await expect(newestCommand(page)).toContainText('Verstuurd, wacht op de wagen');
  const pending = await carFetchesRemote(request, car);
  expect(pending).toHaveLength(1);
  expect(pending[0].action).toEqual({
    kind: 'climate', temperature_c: 21.5, front_defrost: true, rear_defrost: false, duration_min: 20,
  });
  await carReportsRemote(request, car, pending[0].id, 'failed', 'energy_low');
  await expect(newestCommand(page)).toContainText('Mislukt: de batterij of de tank is te leeg');
  const outcome = remote.getByRole('form', { name: 'Klimaatregeling nu' }).getByRole('status');
  await expect(outcome).toHaveText('De wagen kon de opdracht niet uitvoeren: de batterij of de tank is te leeg.');
  await expectAccessible(page, 'the remote panel with a failed command');
});

test('F4 a vehicle without Remote is told how to get it', async ({ page, request }) => {
  const car = await owner(page, request, 'f4-no-remote', false);
  await openVehicle(page, car.vin);
  const remote = panel(page);
  await expect(remote).toContainText('Voor de functies op afstand heeft deze wagen de dienst Remote nodig.');
  await expect(remote.getByRole('button', { name: 'Klimaatregeling starten' })).toHaveCount(0);
  await expectAccessible(page, 'the remote panel without the Remote service');

  await remote.getByRole('link', { name: 'Remote activeren bij de diensten' }).click();
  await expect(page).toHaveURL(new RegExp(`/vehicles/${car.vin}/services$`));
  const offer = page.getByRole('region', { name: 'Remote', exact: true });
  await offer.getByRole('button', { name: 'Gratis proberen: Remote' }).click();
  await page.getByRole('group', { name: 'Controleer uw bestelling: Remote' }).getByRole('button', { name: 'Proefperiode starten' }).click();
  await expect(page.locator('#services-outcome')).toContainText('De proefperiode van Remote loopt tot');

  await openVehicle(page, car.vin);
  await expect(remote.getByRole('button', { name: 'Klimaatregeling starten' })).toBeVisible();
  await expect(remote).not.toContainText('de dienst Remote nodig');
});

test('F4 a secondary user does not get the remote controls', async ({ page, request, browser }) => {
  const car = await owner(page, request, 'f4-owner', true);
  await remoteTrial(page, car.vin);
  const second = newPerson('f4-second');
  await createConfirmedAccount(request, second);
  const invite = await pageApi(page, 'POST', `/api/vehicles/${car.vin}/invitations`, { email: second.email });
  expect(invite.status(), await invite.text()).toBeLessThan(300);

  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto('/sign-in');
  await signIn(other, second.email, second.password);
  await expect(other.getByRole('button', { name: 'Afmelden' })).toBeVisible();
  await openMailedLink(other, await mailedLink(request, second.email, '/invitation'));
  await other.getByRole('button', { name: 'Uitnodiging aanvaarden' }).click();
  await expect(other.getByRole('heading', { level: 1, name: 'Gezinswagen' })).toBeVisible();

  const remote = panel(other);
  await expect(remote).toContainText('Alleen de hoofdgebruiker van deze wagen kan de functies op afstand gebruiken.');
  await expect(remote.getByRole('button')).toHaveCount(0);
  await expect(remote.getByRole('table')).toHaveCount(0);
  await expectAccessible(other, 'the remote panel of a secondary user');
  await context.close();
});
