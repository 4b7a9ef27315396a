import { test, expect, expectAccessible, signIn, signedInAt } from './support';

// Issue 9 (ASVS 3.3.4): the security page lists where the user is signed in.
test('B1 see where you are signed in and end the other sign-ins', async ({ page, request, browser }) => {
  const person = await signedInAt(page, request, 'profile-sessions', '/profile/password');
  const section = page.getByRole('region', { name: 'Waar u aangemeld bent' }).first();
  const table = page.getByRole('table', { name: 'Uw aanmeldingen' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table).toContainText('Dit toestel');
  await expect(page.getByText('U bent nergens anders aangemeld.')).toBeVisible();

  // A second browser signs in: it shows up after a reload.
  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const otherPage = await other.newPage();
  await otherPage.goto('/sign-in?next=%2Fprofile');
  await signIn(otherPage, person.email, person.password);
  await expect(otherPage.getByRole('heading', { level: 1, name: 'Persoonlijke gegevens' })).toBeVisible();
  await page.reload();
  await expect(table.getByRole('row')).toHaveCount(3);
  await expectAccessible(page, 'the security page with its sessions');

  // End that one sign-in: the other browser is signed out, this one is not.
  await page.getByRole('button', { name: /^Aanmelding op .* beëindigen \(laatst actief op / }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Die aanmelding is beëindigd.' })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(2);
  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/sign-in\?next=%2Fprofile/);

  // Signed in there again: "end all other sign-ins" ends it as well.
  await signIn(otherPage, person.email, person.password);
  await expect(otherPage.getByRole('heading', { level: 1, name: 'Persoonlijke gegevens' })).toBeVisible();
  await page.reload();
  await page.getByRole('button', { name: 'Alle andere aanmeldingen beëindigen' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Al uw andere aanmeldingen zijn beëindigd.' })).toBeVisible();
  await expect(page.getByText('U bent nergens anders aangemeld.')).toBeVisible();
  await expectAccessible(page, 'the session list after ending the others');
  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/sign-in\?next=%2Fprofile/);
  await expect(page.getByRole('heading', { level: 1, name: 'Wachtwoord wijzigen' })).toBeVisible();
  await other.close();
});
