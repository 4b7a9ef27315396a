import {
  test, expect, expectAccessible, fillRegistration, mailedLink, newPerson, privacyBox, termsBox,
} from './support';

test('G2 unknown pages say so and offer the way home', async ({ page }) => {
  const res = await page.goto('/bestaat-niet/echt-niet');
  expect(res?.status()).toBe(200); // client-side routing: the SPA answers
  await expect(page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' })).toBeVisible();
  await expect(page).toHaveTitle(/Mijn Lexus/);
  await expectAccessible(page, 'the not-found page');
  await page.getByRole('link', { name: 'Naar de startpagina' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
});

test('G2 every public page works at 360 px without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  for (const path of ['/register', '/sign-in', '/forgot-password', '/reset-password?token=x', '/confirm?token=x']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
    await expectAccessible(page, `${path} at 360 px`);
  }
});

test('G2 the registration form can be completed with the keyboard alone', async ({ page }) => {
  await page.goto('/register');
  // The app mounts once its text pack is in; only then is there anything to tab to.
  await expect(page.getByRole('heading', { level: 1, name: 'Account aanmaken' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Naar de inhoud' })).toBeFocused();
  await fillRegistration(page, newPerson('keyboard'));
  await termsBox(page).focus();
  await page.keyboard.press('Space');
  await expect(termsBox(page)).toBeChecked();
  await privacyBox(page).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Account aanmaken' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Controleer uw e-mail' })).toBeVisible();
});

test('G4 the cookie notice explains the one essential cookie and stays dismissed', async ({ page }) => {
  await page.goto('/sign-in');
  const notice = page.getByRole('region', { name: /cookie/i });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(/sessie/i);
  await expectAccessible(page, 'the page with the cookie notice');
  await notice.getByRole('button', { name: 'Begrepen' }).click();
  await expect(notice).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Aanmelden' })).toBeVisible();
  await expect(page.getByRole('region', { name: /cookie/i })).toHaveCount(0);
});

test('G5 nothing typed is lost when the network is down, and sending again works', async ({ page, request, context }) => {
  const person = newPerson('offline');
  await page.goto('/register');
  await fillRegistration(page, person);
  await termsBox(page).check();
  await privacyBox(page).check();
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Account aanmaken' }).click();
  await expect(page.getByText('Geen verbinding met de server').first()).toBeVisible();
  await expectAccessible(page, 'the registration form while offline');
  await expect(page.getByLabel('Voornaam', { exact: true })).toHaveValue(person.firstName);
  await expect(page.getByLabel('Achternaam', { exact: true })).toHaveValue(person.lastName);
  await expect(page.getByLabel('E-mailadres', { exact: true })).toHaveValue(person.email);
  await expect(page.getByLabel('Wachtwoord', { exact: true })).toHaveValue(person.password);
  await expect(page.getByLabel('Mobiel nummer (optioneel)')).toHaveValue('0470 12 34 56');
  await expect(termsBox(page)).toBeChecked();

  await context.setOffline(false);
  await page.getByRole('button', { name: 'Account aanmaken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Controleer uw e-mail' })).toBeVisible();
  await mailedLink(request, person.email, '/confirm');
});

test('G5 the server sends security headers with every page', async ({ request }) => {
  for (const path of ['/', '/sign-in', '/api/session', '/api/nope']) {
    const res = await request.get(path);
    const csp = res.headers()['content-security-policy'] ?? '';
    expect(csp, path).toContain("object-src 'none'");
    expect(csp, path).toContain('frame-ancestors');
    expect(csp, path).not.toContain('unsafe-inline');
    expect(csp, path).not.toContain("'unsafe-eval'");
    expect(res.headers()['x-content-type-options'], path).toBe('nosniff');
    expect(res.headers()['referrer-policy'], path).toBeTruthy();
  }
});
