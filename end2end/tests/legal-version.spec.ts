// Runs in the 'legal-versions' project, against a server of its own: a
// published version gates every user of its database.
import { test, expect, expectAccessible, signedInAt } from './support';

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
