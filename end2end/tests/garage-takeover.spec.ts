import {
  addVehicleAs,
  createConfirmedAccount,
  expect,
  expectAccessible,
  mailedLink,
  newPerson,
  outbox,
  pageApi,
  provisionVehicle,
  sendStatus,
  signedInPerson,
  signIn,
  test,
} from './support';

const ACTIVATION_CODE_REQUIRED =
  'Dit voertuig kunt u alleen toevoegen met de activeringscode die in de wagen wordt getoond. Kies "Activeringscode" en vul de code in.';

test('C1 a secondary user cannot take the vehicle over', async ({ page, request, browser }) => {
  const car = await provisionVehicle(request);
  await sendStatus(request, car, { odometer_km: 42000 }, 600);
  const owner = await signedInPerson(page, request, 'c1-owner');
  await addVehicleAs(page, car, { activation_code: car.activationCode, nickname: 'Eigen wagen' });
  const second = newPerson('c1-second');
  await createConfirmedAccount(request, second);
  const invited = await pageApi(page, 'POST', `/api/vehicles/${car.vin}/invitations`, { email: second.email });
  expect(invited.status()).toBe(201);
  const token = new URL(await mailedLink(request, second.email, '/invitation')).searchParams.get('token');

  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto('/sign-in');
  await signIn(other, second.email, second.password);
  await expect(other.getByRole('button', { name: 'Afmelden' })).toBeVisible();
  const accepted = await pageApi(other, 'POST', '/api/invitations/accept', { token });
  expect(accepted.status()).toBe(200);

  // The secondary user reads the exact odometer on the status page ...
  await other.goto(`/garage/${car.vin}`);
  await expect(other.locator('.ml-reading').filter({ hasText: 'Kilometerstand' })).toContainText('42.000 km');
  // ... and tries to add the same car with it.
  await other.goto('/garage/add');
  await other.getByLabel('Chassisnummer (VIN)').fill(car.vin);
  await other.getByLabel('Nummerplaat').fill('1-ABC-999');
  await other.getByLabel('Huidige kilometerstand').fill('42000');
  await other.getByRole('button', { name: 'Wagen toevoegen' }).click();
  const odometer = other.getByLabel('Huidige kilometerstand');
  await expect(other.locator('#odometer_km-error')).toHaveText(ACTIVATION_CODE_REQUIRED);
  await expect(odometer).toHaveAttribute('aria-invalid', 'true');
  await expect(other.getByRole('alert')).toContainText(ACTIVATION_CODE_REQUIRED);
  await expectAccessible(other, 'the add-vehicle form asking for the activation code');
  // Still a secondary user.
  await other.goto(`/garage/${car.vin}`);
  await expect(other.getByText(/Secundaire gebruiker/).first()).toBeVisible();
  await context.close();

  // The owner keeps the vehicle and was not told it is gone.
  await page.goto('/garage');
  const card = page.getByRole('listitem').filter({ hasText: 'Eigen wagen' });
  await expect(card.getByText('Hoofdgebruiker', { exact: true })).toBeVisible();
  const subjects = (await outbox(request, owner.email)).map((m) => m.subject);
  expect(subjects).not.toContain('Uw Lexus staat niet meer in uw garage');
});

test('C4 a vehicle address that is no VIN shows "not found" and asks the API nothing', async ({ page, request }) => {
  await signedInPerson(page, request, 'c4-badvin');
  const asked: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/vehicles/')) asked.push(r.url());
  });
  // Not 17 characters, letters a VIN never has, and a path trick.
  for (const bad of ['JTHBAAHB2P123', 'JTHBAAHB2P12345IO', '..%2F..%2Fsession']) {
    await page.goto(`/garage/${bad}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' })).toBeVisible();
  }
  expect(asked).toEqual([]);
  await expectAccessible(page, 'the not-found page for a bad VIN');
});
