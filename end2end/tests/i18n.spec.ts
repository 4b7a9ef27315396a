import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from '@playwright/test';
import {
  test, expect, expectAccessible, addVehicleAs, createConfirmedAccount, newPerson, pageApi,
  provisionVehicle, sendStatus, signedInAt, signedInPerson,
} from './support';

const packDir = path.resolve(__dirname, '../../i18n');

function values(lang: string): string[] {
  return fs
    .readdirSync(path.join(packDir, lang))
    .flatMap((f) => Object.values(JSON.parse(fs.readFileSync(path.join(packDir, lang, f), 'utf8'))) as string[]);
}

/** Pieces of Dutch texts (placeholders cut out) that no other language shares. */
const dutchPieces = (() => {
  const others = new Set([...values('fr'), ...values('en')]);
  return [
    ...new Set(
      values('nl')
        .filter((v) => !others.has(v))
        .flatMap((v) => v.split(/\{[a-z_]+\}/))
        .map((piece) => piece.trim())
        .filter((piece) => piece.length >= 12),
    ),
  ];
})();

const profilePages = [
  '/profile',
  '/profile/email',
  '/profile/password',
  '/profile/dealer',
  '/profile/emergency-contact',
  '/profile/consents',
  '/profile/privacy',
  '/',
];
const publicPages = ['/sign-in', '/register', '/forgot-password', '/confirm-email-change?token=x', '/account-deleted'];

async function expectNoDutch(page: Page, lang: string, where: string) {
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.ml-loading:visible')).toHaveCount(0);
  const text = await page.locator('body').innerText();
  const left = dutchPieces.filter((piece) => text.includes(piece));
  expect(left, `Dutch text on ${where} in ${lang}`).toEqual([]);
  expect(text.match(/\b[a-z]+_[a-z_]+\b/g) ?? [], `text keys on ${where} in ${lang}`).toEqual([]);
  await expectAccessible(page, `${where} in ${lang}`);
}

test('G1 switch to French and English and see no Dutch text left', async ({ page, request }) => {
  test.setTimeout(180_000);
  expect(dutchPieces.length).toBeGreaterThan(100);
  await signedInAt(page, request, 'i18n', '/profile');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expectAccessible(page, '/profile in nl');
  for (const [lang, name, heading] of [
    ['fr', 'Français', 'Données personnelles'],
    ['en', 'English', 'Personal details'],
  ]) {
    await page.goto('/profile');
    await page.getByRole('button', { name }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.getByRole('button', { name })).toHaveAttribute('aria-pressed', 'true');
    // Signed in, the choice is stored in the profile.
    await expect.poll(async () => (await (await page.request.get('/api/profile')).json()).language).toBe(lang);
    for (const p of profilePages) {
      await page.goto(p);
      await expectNoDutch(page, lang, p);
    }
  }
  // Signed out, the last choice stays.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  for (const p of publicPages) {
    await page.goto(p);
    await expectNoDutch(page, 'en', p);
  }
});

test('G1 the garage pages in French and English have no Dutch left', async ({ page, request }) => {
  test.setTimeout(180_000);
  const car = await provisionVehicle(request, { model: 'NX 450h+', family: 'nx', powertrain: 'plug_in_hybrid', year: 2024 });
  const dueDate = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10);
  await sendStatus(
    request,
    car,
    {
      odometer_km: 23456, fuel_percent: 62, range_km: 610, battery_percent: 80, electric_range_km: 55,
      privacy_mode: false, warning_lights: ['tyre_pressure_low'], service_due_km: 30000, service_due_date: dueDate,
    },
    3600,
  );
  await signedInPerson(page, request, 'i18n-garage');
  await addVehicleAs(page, car, { odometer_km: 23456 });
  for (const lang of ['fr', 'en']) {
    // The language switch's own endpoint; the profile's language wins on the next page.
    expect((await pageApi(page, 'PUT', '/api/profile/language', { language: lang })).status()).toBe(204);
    for (const p of ['/garage', '/garage/add', '/garage/charger/add', `/garage/${car.vin}`, '/invitation?token=x']) {
      await page.goto(p);
      await expectNoDutch(page, lang, p);
    }
  }
});

test('G1 the profile language wins after sign-in, and the first visit follows the browser', async ({ browser, request }) => {
  const context = await browser.newContext({ locale: 'fr-BE', baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1, name: 'Se connecter' })).toBeVisible();
  // Sign in through the API (the form is in French now), then open a page.
  const person = newPerson('i18n-profile-language');
  await createConfirmedAccount(request, person);
  const session = await (await page.request.get('/api/session')).json();
  const signIn = await page.request.post('/api/session', {
    headers: { 'x-csrf-token': session.csrf_token },
    data: { email: person.email, password: person.password },
  });
  expect(signIn.status()).toBe(200);
  await page.goto('/profile');
  // The account was made in Dutch: the profile's language wins over the browser's.
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { level: 1, name: 'Persoonlijke gegevens' })).toBeVisible();
  // Dates follow the language: the accepted documents show a Dutch month name.
  await page.goto('/profile/privacy');
  const months = /\b(jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)/;
  await expect(page.getByRole('region', { name: 'Documenten die u aanvaard hebt' })).toContainText(months);
  await context.close();
});

test('G4 the cookie notice is in the chosen language and shown once', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'English' }).click();
  const notice = page.getByRole('region', { name: 'Cookies' });
  await expect(notice).toContainText('strictly necessary cookies');
  await notice.getByRole('button', { name: 'Understood' }).click();
  await expect(notice).toHaveCount(0);
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Se connecter' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Cookies' })).toHaveCount(0);
});
