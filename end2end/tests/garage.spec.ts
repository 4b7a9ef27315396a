import {
  addVehicleAs,
  createConfirmedAccount,
  expect,
  expectAccessible,
  mailedLink,
  newPerson,
  openMailedLink,
  pageApi,
  outbox,
  provisionCharger,
  provisionVehicle,
  sendStatus,
  signedInPerson,
  signIn,
  test,
} from './support';

const ODOMETER_MISMATCH =
  'Deze kilometerstand komt niet overeen met wat uw wagen ons laatst doorgaf. Lees de stand af op het dashboard en probeer opnieuw.';

/** A date `days` from today as yyyy-mm-dd (local time, like the date picker). */
function inDays(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

test('C1 add a vehicle with the wrong then the right odometer', async ({ page, request }) => {
  const car = await provisionVehicle(request);
  await sendStatus(request, car, { odometer_km: 12000, fuel_percent: 55 }, 3600);
  await signedInPerson(page, request, 'c1-add');

  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Garage' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Garage' })).toBeFocused();
  await expect(page.getByText('Er staat nog geen wagen in uw garage.')).toBeVisible();
  await expectAccessible(page, 'the empty garage');

  await page.getByRole('link', { name: 'Wagen toevoegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wagen toevoegen' })).toBeVisible();
  await page.getByLabel('Chassisnummer (VIN)').fill(car.vin.toLowerCase());
  await page.getByLabel('Nummerplaat').fill('1 abc 234');
  await page.getByLabel('Bijnaam (optioneel)').fill('Gezinswagen');
  await expect(page.getByLabel('Kilometerstand', { exact: true })).toBeChecked();
  await page.getByLabel('Huidige kilometerstand').fill('15000');
  await expectAccessible(page, 'the add-vehicle form');
  await page.getByRole('button', { name: 'Wagen toevoegen' }).click();

  // The server's answer sits at the field; nothing typed is lost.
  const odometer = page.getByLabel('Huidige kilometerstand');
  await expect(page.locator('#odometer_km-error')).toHaveText(ODOMETER_MISMATCH);
  await expect(odometer).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).toBeFocused();
  await expect(page.getByLabel('Chassisnummer (VIN)')).toHaveValue(car.vin.toLowerCase());
  await expect(page.getByLabel('Nummerplaat')).toHaveValue('1 abc 234');
  await expect(page.getByLabel('Bijnaam (optioneel)')).toHaveValue('Gezinswagen');
  await expect(odometer).toHaveValue('15000');
  await expectAccessible(page, 'the add-vehicle form with a wrong odometer');

  await odometer.fill('12.030');
  await page.getByRole('button', { name: 'Wagen toevoegen' }).click();
  await expect(page).toHaveURL(/\/garage\?added=1$/);
  await expect(page.getByText('De wagen staat nu in uw garage.')).toBeVisible();
  const card = page.getByRole('listitem').filter({ hasText: 'Gezinswagen' });
  await expect(card.getByRole('link', { name: 'Gezinswagen' })).toBeVisible();
  for (const text of ['UX 250h', '2023', 'Hybride', '1-ABC-234', 'Hoofdgebruiker']) {
    await expect(card.getByText(text, { exact: true })).toBeVisible();
  }
  await expect(card.getByRole('img', { name: 'Tekening van een Lexus UX 250h' })).toBeVisible();
  await expectAccessible(page, 'the garage with a vehicle');

  await card.getByRole('link', { name: 'Gezinswagen' }).click();
  await expect(page).toHaveURL(new RegExp(`/garage/${car.vin}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Gezinswagen' })).toBeVisible();
});

test('C1 VIN mistakes each get their own message', async ({ page, request }) => {
  await signedInPerson(page, request, 'c1-vin');
  await page.goto('/garage/add');
  const vin = page.getByLabel('Chassisnummer (VIN)');
  await page.getByLabel('Nummerplaat').fill('1-ABC-234');
  await page.getByLabel('Huidige kilometerstand').fill('1000');
  const cases: [string, string][] = [
    ['JTHBAAHB2P123456', 'Een chassisnummer (VIN) heeft precies 17 tekens. Controleer het aantal tekens.'],
    ['JTHBAAHB2P12345O7', 'Een chassisnummer (VIN) bevat nooit de letters I, O of Q. Bedoelt u misschien het cijfer 1 of 0?'],
    ['JTHBAAHB2P-234567', 'Een chassisnummer (VIN) bestaat alleen uit letters en cijfers, zonder spaties of leestekens.'],
  ];
  for (const [value, message] of cases) {
    await vin.fill(value);
    await page.getByRole('button', { name: 'Wagen toevoegen' }).click();
    await expect(page.locator('#vin-error')).toHaveText(message);
    await expect(vin).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert').getByRole('link', { name: `Chassisnummer (VIN): ${message}` })).toBeVisible();
  }
  // Valid, but no connected Lexus has it: answered like a wrong reading, so
  // nobody can find out which VINs exist.
  await vin.fill('JTHBAAHB2P0000000');
  await page.getByRole('button', { name: 'Wagen toevoegen' }).click();
  await expect(page.locator('#odometer_km-error')).toHaveText(ODOMETER_MISMATCH);
  await expectAccessible(page, 'the add-vehicle form with an unknown VIN');
  // The summary link leads to the field.
  await page.getByRole('alert').getByRole('link').first().click();
  await expect(page.getByLabel('Huidige kilometerstand')).toBeFocused();
});

test('C4 the status page shows every value the car sent, how old it is, and refreshes', async ({ page, request }) => {
  const car = await provisionVehicle(request, { model: 'NX 450h+', family: 'nx', powertrain: 'plug_in_hybrid', year: 2024 });
  await sendStatus(
    request,
    car,
    {
      odometer_km: 23456,
      fuel_percent: 62,
      range_km: 610,
      battery_percent: 80,
      electric_range_km: 55,
      privacy_mode: true,
      warning_lights: ['tyre_pressure_low'],
      service_due_km: 30000,
      service_due_date: inDays(120),
    },
    3 * 3600 + 60,
  );
  await signedInPerson(page, request, 'c4-status');
  await addVehicleAs(page, car, { odometer_km: 23456 });

  const started = Date.now();
  await page.goto(`/garage/${car.vin}`);
  const odometer = page.locator('.ml-reading').filter({ hasText: 'Kilometerstand' });
  await expect(odometer).toContainText('23.456 km');
  const loadMs = Date.now() - started;
  test.info().annotations.push({ type: 'status page load (ms)', description: String(loadMs) });
  console.log(`status page load: ${loadMs} ms`);

  await expect(page.getByRole('heading', { level: 1, name: 'Lexus NX 450h+' })).toBeVisible();
  await expect(odometer).toContainText('gemeten 3 uur geleden');
  const reading = (label: string) => page.locator('.ml-reading').filter({ has: page.getByText(label, { exact: true }) });
  await expect(reading('Brandstof')).toContainText('62 %');
  await expect(page.getByRole('meter', { name: 'Brandstof' })).toHaveAttribute('value', '62');
  await expect(reading('Rijbereik')).toContainText('610 km');
  await expect(reading('Batterij')).toContainText('80 %');
  await expect(page.getByRole('meter', { name: 'Batterij' })).toHaveAttribute('value', '80');
  await expect(reading('Elektrisch rijbereik')).toContainText('55 km');
  await expect(reading('Privacymodus')).toContainText('Aan: de wagen deelt zijn locatie niet');
  for (const label of ['Brandstof', 'Rijbereik', 'Batterij', 'Elektrisch rijbereik', 'Privacymodus']) {
    await expect(reading(label)).toContainText('gemeten 3 uur geleden');
  }
  const warning = page.locator('.ml-warning');
  await expect(warning).toContainText('Bandenspanning te laag');
  await expect(warning).toContainText('Controleer en corrigeer de bandenspanning');
  await expect(page.locator('.ml-reading').filter({ hasText: 'Volgende onderhoud bij' })).toContainText('30.000 km (nog 6.544 km)');
  await expect(page.getByText('Volgende onderhoud uiterlijk')).toBeVisible();
  await expectAccessible(page, 'the status page');

  // New data arrives; "Vernieuwen" shows it without reloading the page.
  await sendStatus(request, car, { odometer_km: 23502, fuel_percent: 58, warning_lights: [] }, 0);
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  await page.getByRole('button', { name: 'Vernieuwen' }).click();
  await expect(odometer).toContainText('23.502 km');
  await expect(odometer).toContainText('gemeten zonet');
  await expect(reading('Brandstof')).toContainText('58 %');
  await expect(page.getByText('Er brandt geen waarschuwingslampje (gemeten zonet).')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'De gegevens zijn bijgewerkt.' })).toHaveAttribute('aria-live', 'polite');
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await expectAccessible(page, 'the refreshed status page');
});

test('C4 how old each value is keeps up while the page stays open', async ({ page, request }) => {
  const car = await provisionVehicle(request);
  await sendStatus(request, car, { odometer_km: 12345 }, 3 * 3600 + 60);
  await signedInPerson(page, request, 'c4-age');
  await addVehicleAs(page, car, { odometer_km: 12345 });

  await page.clock.install();
  await page.goto(`/garage/${car.vin}`);
  const odometer = page.locator('.ml-reading').filter({ hasText: 'Kilometerstand' });
  await expect(odometer).toContainText('gemeten 3 uur geleden');
  await page.clock.fastForward('02:00:00');
  await expect(odometer).toContainText('gemeten 5 uur geleden');
});

test('C4 request a service appointment', async ({ page, request }) => {
  const car = await provisionVehicle(request);
  await sendStatus(request, car, { odometer_km: 8000, service_due_km: 15000 }, 600);
  const me = await signedInPerson(page, request, 'c4-service');
  await addVehicleAs(page, car, { odometer_km: 8000, nickname: 'Stadswagen' });
  await page.goto(`/garage/${car.vin}`);
  await page.getByRole('button', { name: 'Afspraak aanvragen' }).click();
  const date = page.getByLabel('Gewenste datum');
  await expect(date).toBeFocused();
  await date.fill(inDays(0));
  await page.getByRole('button', { name: 'Aanvraag versturen' }).click();
  await expect(page.locator('#preferred_date-error')).toHaveText('Kies een datum vanaf morgen.');
  await expectAccessible(page, 'the service form with a date in the past');

  await date.fill(inDays(10));
  await page.getByLabel('Opmerking (optioneel)').fill('Graag ook de ruitenwissers nakijken.');
  await page.getByRole('button', { name: 'Aanvraag versturen' }).click();
  await expect(page.getByText(/Uw aanvraag voor .* is verstuurd\./)).toBeVisible();
  await expectAccessible(page, 'the service request confirmation');
  await expect
    .poll(async () => (await outbox(request, me.email)).map((m) => m.subject))
    .toContain('Uw aanvraag voor een onderhoudsafspraak');
  const mail = (await outbox(request, me.email)).find((m) => m.subject === 'Uw aanvraag voor een onderhoudsafspraak')!;
  expect(mail.body_text).toContain('Graag ook de ruitenwissers nakijken.');
});

test('C2 rename and remove a vehicle', async ({ page, request }) => {
  const car = await provisionVehicle(request, { model: 'RZ 450e', family: 'rz', powertrain: 'electric' });
  await sendStatus(request, car, { odometer_km: 4000, battery_percent: 70, electric_range_km: 300 }, 60);
  await signedInPerson(page, request, 'c2-rename');
  await addVehicleAs(page, car, { odometer_km: 4000 });
  await page.goto(`/garage/${car.vin}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Lexus RZ 450e' })).toBeVisible();
  // An electric car has no fuel gauge.
  await expect(page.getByRole('meter', { name: 'Batterij' })).toBeVisible();
  await expect(page.getByRole('meter', { name: 'Brandstof' })).toHaveCount(0);

  await page.getByLabel('Bijnaam (optioneel)').fill('Blauwe <wagen>');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.locator('#nickname-error')).toHaveText(
    'Gebruik voor de bijnaam alleen letters, cijfers, spaties en eenvoudige leestekens.',
  );
  await expectAccessible(page, 'the rename form with an invalid nickname');
  await page.getByLabel('Bijnaam (optioneel)').fill('Blauwe wagen');
  await page.getByLabel('Nummerplaat', { exact: true }).fill('2-xyz-345');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByText('De wijzigingen zijn opgeslagen.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Blauwe wagen' })).toBeVisible();
  await expect(page.getByLabel('Nummerplaat', { exact: true })).toHaveValue('2-XYZ-345');
  await expect(page).toHaveTitle(/^Blauwe wagen/);

  await page.getByRole('button', { name: 'Wagen verwijderen' }).click();
  await expect(page.locator('#remove-confirm')).toBeFocused();
  await expect(page.locator('#remove-confirm')).toContainText('Weet u zeker dat u deze wagen uit de garage wilt verwijderen?');
  await expectAccessible(page, 'the remove confirmation');
  await page.getByRole('button', { name: 'Annuleren' }).click();
  await page.getByRole('button', { name: 'Wagen verwijderen' }).click();
  await page.getByRole('button', { name: 'Ja, verwijderen' }).click();
  await expect(page).toHaveURL(/\/garage\?removed=1$/);
  await expect(page.getByText('De wagen is uit uw garage verwijderd.')).toBeVisible();
  await expect(page.getByText('Er staat nog geen wagen in uw garage.')).toBeVisible();
  await page.goto(`/garage/${car.vin}`);
  await expect(page.getByRole('alert')).toContainText('Dit bestaat niet (meer).');
  await expectAccessible(page, 'a vehicle that is gone');
});

test('C3 invite a secondary user who signs in and sees the vehicle with limited rights', async ({
  page,
  request,
  browser,
}) => {
  const car = await provisionVehicle(request);
  await sendStatus(request, car, { odometer_km: 20000, fuel_percent: 40, service_due_km: 30000 }, 1800);
  await signedInPerson(page, request, 'c3-main');
  await addVehicleAs(page, car, { odometer_km: 20000, nickname: 'Gedeelde wagen' });
  const second = newPerson('c3-second');
  second.firstName = 'Jonas';
  await createConfirmedAccount(request, second);

  await page.goto(`/garage/${car.vin}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Secundaire gebruikers' })).toBeVisible();
  await page.getByLabel('E-mailadres van de persoon die u uitnodigt').fill(second.email);
  await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
  await expect(page.getByText(`We hebben een uitnodiging gestuurd naar ${second.email}.`)).toBeVisible();
  await expect(page.getByRole('button', { name: `Uitnodiging intrekken voor ${second.email}` })).toBeVisible();
  await expectAccessible(page, 'the status page with a pending invitation');

  // The invited person opens the mailed link, signs in first and comes back.
  const link = await mailedLink(request, second.email, '/invitation');
  const context = await browser.newContext();
  const other = await context.newPage();
  await openMailedLink(other, link);
  await expect(other).toHaveURL(/\/sign-in\?next=/);
  await signIn(other, second.email, second.password);
  await expect(other).toHaveURL(/\/invitation\?token=/);
  await expect(other.getByRole('heading', { level: 1, name: 'Uitnodiging voor een wagen' })).toBeVisible();
  await expectAccessible(other, 'the invitation page');
  await other.getByRole('button', { name: 'Uitnodiging aanvaarden' }).click();
  await expect(other).toHaveURL(new RegExp(`/garage/${car.vin}$`));
  await expect(other.getByRole('heading', { level: 1, name: 'Gedeelde wagen' })).toBeVisible();
  await expect(other.getByText(/Secundaire gebruiker/).first()).toBeVisible();
  await expect(other.locator('.ml-reading').filter({ hasText: 'Kilometerstand' })).toContainText('20.000 km');
  await expect(other.getByRole('button', { name: 'Afspraak aanvragen' })).toBeVisible();
  // None of the main user's actions.
  await expect(other.getByRole('heading', { name: 'Secundaire gebruikers' })).toHaveCount(0);
  await expect(other.getByRole('heading', { name: 'Bijnaam en nummerplaat' })).toHaveCount(0);
  await expect(other.getByRole('button', { name: 'Wagen verwijderen' })).toHaveCount(0);
  await expectAccessible(other, 'the status page of a secondary user');

  // The main user sees the secondary user and revokes them.
  await page.reload();
  const revoke = page.getByRole('button', { name: `Toegang intrekken voor Jonas ${second.lastName}` });
  await expect(revoke).toBeVisible();
  await revoke.click();
  await expect(page.getByText(`Jonas ${second.lastName} heeft geen toegang meer tot deze wagen.`)).toBeVisible();
  await expect(page.getByText('Er zijn nog geen secundaire gebruikers of openstaande uitnodigingen.')).toBeVisible();

  await other.reload();
  await expect(other.getByRole('alert')).toContainText('Dit bestaat niet (meer).');
  await context.close();
});

test('C3 a secondary user ends their own access', async ({ page, request, browser }) => {
  const car = await provisionVehicle(request);
  await sendStatus(request, car, { odometer_km: 31000 }, 600);
  await signedInPerson(page, request, 'c3-owner');
  await addVehicleAs(page, car, { odometer_km: 31000, nickname: 'Gezinswagen' });
  const second = newPerson('c3-leaver');
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

  await expect(other.getByRole('heading', { level: 2, name: 'Toegang beëindigen' })).toBeVisible();
  await other.getByRole('button', { name: 'Mijn toegang beëindigen' }).click();
  const question = other.locator('#remove-confirm');
  await expect(question).toHaveText('Weet u zeker dat u uw toegang tot deze wagen wilt beëindigen?');
  await expect(question).toBeFocused();
  await expectAccessible(other, 'ending access, asked to confirm');
  await other.getByRole('button', { name: 'Ja, beëindigen' }).click();
  await expect(other).toHaveURL(/\/garage\?removed=1$/);
  await expect(other.getByText('De wagen is uit uw garage verwijderd.')).toBeVisible();
  await expect(other.getByText('Gezinswagen')).toHaveCount(0);
  await context.close();

  // The main user keeps the car and no longer lists them.
  await page.goto(`/garage/${car.vin}`);
  await expect(page.getByText('Er zijn nog geen secundaire gebruikers of openstaande uitnodigingen.')).toBeVisible();
});

test('C1 a new owner takes over and the previous owner is told by e-mail', async ({ page, request, browser }) => {
  const car = await provisionVehicle(request);
  await sendStatus(request, car, { odometer_km: 55000 }, 600);
  const previous = await signedInPerson(page, request, 'c1-previous');
  await addVehicleAs(page, car, { odometer_km: 55000 });

  const context = await browser.newContext();
  const buyer = await context.newPage();
  await signedInPerson(buyer, context.request, 'c1-buyer');
  await buyer.goto('/garage/add');
  await buyer.getByLabel('Chassisnummer (VIN)').fill(car.vin);
  await buyer.getByLabel('Nummerplaat').fill('1-NEW-001');
  await buyer.getByLabel('Activeringscode', { exact: true }).check();
  await buyer.getByLabel('Uw activeringscode').fill('wrong-code');
  await buyer.getByRole('button', { name: 'Wagen toevoegen' }).click();
  await expect(buyer.locator('#activation_code-error')).toHaveText(
    'Deze activeringscode klopt niet. Scan de QR-code in uw wagen opnieuw of gebruik de kilometerstand.',
  );
  await buyer.getByLabel('Uw activeringscode').fill(car.activationCode);
  await buyer.getByRole('button', { name: 'Wagen toevoegen' }).click();
  await expect(buyer).toHaveURL(/\/garage\?added=1$/);
  await expect(buyer.getByRole('link', { name: 'Lexus UX 250h' })).toBeVisible();
  await context.close();

  await expect
    .poll(async () => (await outbox(request, previous.email)).map((m) => m.subject))
    .toContain('Uw Lexus staat niet meer in uw garage');
  await page.goto('/garage');
  await expect(page.getByText('Er staat nog geen wagen in uw garage.')).toBeVisible();
});

test('C5 add a HomeCharge charger and see its status', async ({ page, request }) => {
  const serial = await provisionCharger(request, '482913', { state: 'charging', power_kw: 7.4, session_energy_kwh: 12.3 });
  await signedInPerson(page, request, 'c5-charger');
  await page.goto('/garage');
  await expect(page.getByText('U hebt nog geen laadpaal toegevoegd.')).toBeVisible();
  await page.getByRole('link', { name: 'Laadpaal toevoegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Laadpaal toevoegen' })).toBeVisible();
  await expectAccessible(page, 'the add-charger form');
  await page.getByLabel('Serienummer').fill(serial.toLowerCase());
  await page.getByLabel('Pincode').fill('000000');
  await page.getByLabel('Bijnaam (optioneel)').fill('Oprit');
  await page.getByRole('button', { name: 'Laadpaal toevoegen' }).click();
  await expect(page.locator('#pin-error')).toHaveText(
    'Deze pincode klopt niet. U vindt de pincode in de handleiding van uw laadpaal.',
  );
  await expect(page.getByLabel('Serienummer')).toHaveValue(serial.toLowerCase());
  await expectAccessible(page, 'the add-charger form with a wrong PIN');
  await page.getByLabel('Pincode').fill('482913');
  await page.getByRole('button', { name: 'Laadpaal toevoegen' }).click();
  await expect(page).toHaveURL(/\/garage\?charger_added=1$/);
  const card = page.getByRole('listitem').filter({ hasText: 'Oprit' });
  await expect(card).toContainText(serial);
  await expect(card).toContainText('Aan het laden');
  await expect(card).toContainText('7,4 kW');
  await expect(card).toContainText('12,3 kWh');
  await expect(card).toContainText(/\d minuten geleden/);
  await expectAccessible(page, 'the garage with a charger');
});

test('C1 too many wrong proofs lock the vehicle for a while and say until when', async ({ page, request }) => {
  const car = await provisionVehicle(request);
  await sendStatus(request, car, { odometer_km: 30000 }, 600);
  await signedInPerson(page, request, 'c1-lock');
  await page.goto('/garage/add');
  await page.getByLabel('Chassisnummer (VIN)').fill(car.vin);
  await page.getByLabel('Nummerplaat').fill('1-ABC-234');
  const odometer = page.getByLabel('Huidige kilometerstand');
  const locked = page.locator('#proof-locked');
  for (let attempt = 1; attempt <= 6; attempt += 1) {
    await odometer.fill(String(50000 + attempt));
    await page.getByRole('button', { name: 'Wagen toevoegen' }).click();
    await expect(page.getByRole('button', { name: 'Wagen toevoegen' })).toHaveAttribute('aria-busy', 'false');
    await expect(page.locator('#odometer_km-error').or(locked)).toBeVisible();
    if (await locked.isVisible()) break;
  }
  await expect(locked).toHaveText(/^U kunt het opnieuw proberen vanaf \d{2}:\d{2}\.$/);
  await expect(page.getByRole('alert')).toContainText('Te veel foute pogingen voor dit voertuig.');
  // Even the right reading waits until then.
  await odometer.fill('30000');
  await page.getByRole('button', { name: 'Wagen toevoegen' }).click();
  await expect(locked).toBeVisible();
  await expect(odometer).toHaveValue('30000');
  await expectAccessible(page, 'the add-vehicle form while locked');
});
