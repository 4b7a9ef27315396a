import type { Page } from '@playwright/test';
import {
  addVehicleAs,
  expect,
  expectAccessible,
  provisionVehicle,
  signedInPerson,
  test,
} from './support';

// Phones first (G2): a 390 x 844 screen, the size of a common phone.
test.use({ viewport: { width: 390, height: 844 } });

const SECTIONS: [string, string][] = [
  ['Mijn profiel', 'Persoonlijke gegevens'],
  ['Garage', 'Garage'],
  ['Kaart', 'Kaart'],
  ['Ritten', 'Ritten'],
  ['Portemonnee', 'Portemonnee'],
];

test('G2 on a phone one menu button holds the sections and languages, by keyboard', async ({ page, request }) => {
  await signedInPerson(page, request, 'g2-menu');
  const menuButton = page.getByRole('button', { name: 'Menu' });
  const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
  // Sign-out stays one click away, outside the menu (A2).
  await expect(page.getByRole('button', { name: 'Afmelden' })).toBeVisible();
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
  await expect(nav).toBeHidden();

  // Opens with Enter; Tab goes from the button into the menu; Escape closes
  // it and puts focus back on the button.
  await menuButton.focus();
  await page.keyboard.press('Enter');
  await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
  await expect(nav).toBeVisible();
  await expectAccessible(page, 'the open menu on a phone');
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link', { name: 'Mijn profiel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
  await expect(menuButton).toBeFocused();
  await expect(nav).toBeHidden();
  await page.keyboard.press('Space');
  await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Space');
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');

  // Every section through the menu, by keyboard; choosing one closes it.
  for (const [link, heading] of SECTIONS) {
    await menuButton.focus();
    await page.keyboard.press('Enter');
    const target = nav.getByRole('link', { name: link });
    await target.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeFocused();
    await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
  }

  // The languages are in the menu too.
  await menuButton.click();
  const languages = page.getByRole('navigation', { name: 'Taal' });
  for (const name of ['Nederlands', 'Français', 'English']) {
    await expect(languages.getByRole('button', { name })).toBeVisible();
  }
  await languages.getByRole('button', { name: 'English' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Wallet' })).toBeVisible();
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('navigation', { name: 'Language' }).getByRole('button', { name: 'Nederlands' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Portemonnee' })).toBeVisible();
});

/** Where each page's h1 starts, from the top of the screen (px). */
async function headingTops(page: Page, paths: string[]): Promise<Record<string, number>> {
  const tops: Record<string, number> = {};
  for (const path of paths) {
    await page.goto(path);
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).toBeVisible();
    // Wait until the page has drawn what it loads (a loading text sits above nothing).
    await expect(page.getByRole('status').filter({ hasText: 'Even geduld' })).toHaveCount(0);
    tops[path] = Math.round((await h1.boundingBox())!.y);
  }
  return tops;
}

function expectAllWithin(tops: Record<string, number>, limit: number, what: string) {
  const over = Object.entries(tops).filter(([, top]) => top > limit);
  expect(over, `h1 below ${limit} px ${what}: ${JSON.stringify(tops)}`).toEqual([]);
}

const PUBLIC_PAGES = [
  '/sign-in',
  '/register',
  '/forgot-password',
  '/reset-password?token=onbekend',
  '/confirm?token=onbekend',
  '/account-deleted',
  '/bestaat-niet',
];
const PORTAL_PAGES = [
  '/',
  '/garage',
  '/garage/add',
  '/garage/charger/add',
  '/profile',
  '/profile/email',
  '/profile/password',
  '/profile/dealer',
  '/profile/emergency-contact',
  '/profile/consents',
  '/profile/privacy',
  '/map',
  '/trips',
  '/wallet',
];

test('G2 on a phone every page starts near the top, with and without the cookie notice', async ({ page, request }) => {
  // Four passes over every page: some 60 cold navigations, more than the default minute on 2 cores.
  test.setTimeout(180_000);
  const notice = page.getByRole('region', { name: 'Cookies' });
  const publicWithNotice = await headingTops(page, PUBLIC_PAGES);
  await expect(notice).toBeVisible();
  expectAllWithin(publicWithNotice, 300, 'with the cookie notice, signed out');

  await notice.getByRole('button', { name: 'Begrepen' }).click();
  const publicTops = await headingTops(page, PUBLIC_PAGES);
  await expect(notice).toHaveCount(0);
  expectAllWithin(publicTops, 160, 'signed out');

  await signedInPerson(page, request, 'g2-heights');
  const car = await provisionVehicle(request);
  await addVehicleAs(page, car, { activation_code: car.activationCode });
  const portalPages = [...PORTAL_PAGES, `/garage/${car.vin}`];
  const portalTops = await headingTops(page, portalPages);
  expectAllWithin(portalTops, 160, 'signed in');

  await page.evaluate(() => localStorage.removeItem('mijn-lexus.cookie-notice'));
  const portalWithNotice = await headingTops(page, portalPages);
  await expect(notice).toBeVisible();
  expectAllWithin(portalWithNotice, 300, 'with the cookie notice, signed in');
  console.log(JSON.stringify({ publicWithNotice, publicTops, portalTops, portalWithNotice }));
});
