// Runs in the 'legal-versions' project, against a server of its own: a
// published version gates every user of its database.
import {
  test, expect, expectAccessible, signedInAt, addVehicleAs, provisionVehicle, sendStatus,
} from './support';

// Each journey publishes a version that gates every user: one after the other.
test.describe.configure({ mode: 'serial' });

test('A4 publish a new terms version and be made to accept it', async ({ page, request }) => {
  await signedInAt(page, request, 'legal-gate', '/profile/consents');
  await expect(page.getByRole('heading', { level: 1, name: 'Toestemmingen' })).toBeVisible();

  const today = new Date().toISOString().slice(0, 10);
  const published = await request.post('/api/admin/legal', {
    headers: { Authorization: 'Bearer e2e-admin-token' },
    data: {
      kind: 'terms',
      version: 2,
      language: 'nl',
      content: `# Gebruiksvoorwaarden Mijn Lexus\neffective: ${today}\n\n## 1. Wat er verandert\n\nDe tweede versie van de voorwaarden.\n`,
    },
  });
  expect(published.status(), await published.text()).toBe(201);

  // Every protected page is replaced by the new version to accept.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuwe voorwaarden' })).toBeVisible();
  await expect(page.getByText('De tweede versie van de voorwaarden.')).toBeVisible();
  await expect(page.getByText(/Versie 2/)).toBeVisible();
  await expectAccessible(page, 'the re-acceptance page');
  await page.goto('/profile/privacy');
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuwe voorwaarden' })).toBeVisible();
  // Signing out stays possible.
  await expect(page.getByRole('button', { name: 'Afmelden' })).toBeVisible();

  await page.getByRole('button', { name: 'Ik heb dit gelezen en ga akkoord' }).click();
  // The person continues where they were.
  await expect(page.getByRole('heading', { level: 1, name: 'Privacy en uw gegevens' })).toBeVisible();
  await expect(page).toHaveURL(/\/profile\/privacy$/);
  const docs = page.getByRole('region', { name: 'Documenten die u aanvaard hebt' });
  await expect(docs.getByRole('row').filter({ hasText: 'Gebruiksvoorwaarden' })).toHaveCount(2);
  await docs.getByRole('button', { name: 'Lees Gebruiksvoorwaarden, versie 2' }).click();
  await expect(page.getByRole('dialog').getByText('De tweede versie van de voorwaarden.')).toBeVisible();
  const session = await (await page.request.get('/api/session')).json();
  expect(session.pending_legal).toEqual([]);
});

// FIXME (open): reaches the re-acceptance page, but the page logs a page error when
// the gate replaces the vehicle page during its refresh; to be found and fixed.
test('G5 new terms published while a user is on a garage page lead to re-acceptance on the next request, not an error', async ({ page, request }) => {
  const car = await provisionVehicle(request);
  await sendStatus(request, car, { odometer_km: 15000 }, 600);
  await signedInAt(page, request, 'g5-legal', '/garage');
  await addVehicleAs(page, car, { odometer_km: 15000 });
  await page.goto(`/garage/${car.vin}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Toestand' })).toBeVisible();

  const today = new Date().toISOString().slice(0, 10);
  const published = await request.post('/api/admin/legal', {
    headers: { Authorization: 'Bearer e2e-admin-token' },
    data: {
      kind: 'privacy',
      version: 2,
      language: 'nl',
      content: `# Privacybeleid Mijn Lexus\neffective: ${today}\n\n## 1. Nieuw\n\nDe tweede versie van het privacybeleid.\n`,
    },
  });
  expect(published.status(), await published.text()).toBe(201);

  // The page's next request (refreshing the status) is refused by the server;
  // the user sees the new version to accept, not an error with a retry.
  const refused = page.waitForResponse((r) => r.url().includes(`/api/vehicles/${car.vin}/status`) && r.status() === 403);
  await page.getByRole('button', { name: 'Vernieuwen' }).click();
  await refused;
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuwe voorwaarden' })).toBeVisible();
  await expect(page.getByText('De tweede versie van het privacybeleid.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Probeer opnieuw' })).toHaveCount(0);
  await expectAccessible(page, 're-acceptance reached from the vehicle page');

  await page.getByRole('button', { name: 'Ik heb dit gelezen en ga akkoord' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /UX 250h/ })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/garage/${car.vin}$`));
});
