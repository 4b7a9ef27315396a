import {
  test, expect, expectAccessible, addVehicleAs, createConfirmedAccount, newPerson, provisionVehicle, sendStatus,
  signedInPerson,
} from './support';
import type { Page, Route } from '@playwright/test';

// A page's requests may answer after the visitor has left it (G5). Nothing
// may then touch the page that is gone: with panic = "abort" one such touch
// stops the whole app. Every journey also fails on a page error (support.ts).

/** Holds matching API answers until `release()`; `held()` resolves once one is held. */
function holdAnswers(page: Page, url: RegExp, method: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let heldOne!: () => void;
  const held = new Promise<void>((resolve) => (heldOne = resolve));
  page.route(url, async (route: Route) => {
    if (route.request().method() !== method) return route.fallback();
    heldOne();
    await released;
    await route.continue();
  });
  return { held, release };
}

const menu = (page: Page) => page.getByRole('navigation', { name: 'Hoofdmenu' });

/** The app still answers: client-side navigation draws pages, no fatal notice. */
async function expectAppAlive(page: Page) {
  await menu(page).getByRole('link', { name: 'Mijn profiel' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Persoonlijke gegevens' })).toBeVisible();
  await expect(page.getByLabel('Voornaam')).not.toHaveValue('');
  await menu(page).getByRole('link', { name: 'Garage' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Garage' })).toBeVisible();
  await expect(page.locator('.ml-fatal')).toHaveCount(0);
}

test('G5 leaving a page while its data is still loading does not break the app', async ({ page, request }) => {
  await signedInPerson(page, request, 'g5-leave-load');
  const profile = holdAnswers(page, /\/api\/profile$/, 'GET');
  await menu(page).getByRole('link', { name: 'Mijn profiel' }).click();
  await profile.held;
  await expect(page.getByRole('status').filter({ hasText: 'Even geduld' })).toBeVisible();
  // Away before the answer, which then arrives for a page that is gone.
  await menu(page).getByRole('link', { name: 'Garage' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Garage' })).toBeVisible();
  const answered = page.waitForResponse(/\/api\/profile$/);
  profile.release();
  await answered;
  await page.waitForTimeout(300);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await expectAppAlive(page);
});

test('G5 leaving a page while its action is under way does not break the app', async ({ page, request }) => {
  const car = await provisionVehicle(request);
  await sendStatus(request, car, { odometer_km: 12000 }, 600);
  await signedInPerson(page, request, 'g5-leave-action');
  await addVehicleAs(page, car, { odometer_km: 12000 });
  const second = newPerson('g5-invited');
  await createConfirmedAccount(request, second);

  await page.goto(`/garage/${car.vin}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Secundaire gebruikers' })).toBeVisible();
  // Inviting reloads the list of users once the server has answered.
  const invite = holdAnswers(page, new RegExp(`/api/vehicles/${car.vin}/invitations$`), 'POST');
  await page.getByLabel('E-mailadres van de persoon die u uitnodigt').fill(second.email);
  await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
  await invite.held;
  await page.getByRole('link', { name: 'Terug naar de garage' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Garage' })).toBeVisible();
  const answered = page.waitForResponse(new RegExp(`/api/vehicles/${car.vin}/invitations$`));
  invite.release();
  expect((await answered).status()).toBeLessThan(300);
  await page.waitForTimeout(300);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await expectAppAlive(page);
  // The invitation was sent: the vehicle page lists it.
  await page.goto(`/garage/${car.vin}`);
  await expect(page.getByRole('button', { name: `Uitnodiging intrekken voor ${second.email}` })).toBeVisible();
  await expectAccessible(page, 'the vehicle page after an invitation sent while away');
});
