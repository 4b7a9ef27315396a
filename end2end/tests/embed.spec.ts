import type { Page } from '@playwright/test';
import {
  addVehicleAs,
  createConfirmedAccount,
  expect,
  expectAccessible,
  newPerson,
  provisionVehicle,
  signIn,
  test,
} from './support';

// The demo brand page (crates/server/src/embed_demo.rs, served with --dev)
// embeds the portal under /embed-demo/ with a hostile global style sheet.
const HOST = '/embed-demo';

/** Computed styles of the given elements (selector -> property -> value). */
async function stylesOf(page: Page, selectors: string[], properties: string[]) {
  return page.evaluate(
    ({ selectors, properties }) =>
      Object.fromEntries(
        selectors.map((selector) => {
          const element = document.querySelector(selector);
          if (!element) return [selector, null];
          const style = getComputedStyle(element);
          return [selector, Object.fromEntries(properties.map((p) => [p, style.getPropertyValue(p)]))];
        }),
      ),
    { selectors, properties },
  );
}

const HOST_ELEMENTS = ['html', 'body', '#brand-title', '#brand-text', '#brand-button', '#brand-query', '#brand-table', '.brand-header a'];
const HOST_PROPERTIES = [
  'font-size', 'font-family', 'line-height', 'letter-spacing', 'text-transform', 'color',
  'background-color', 'border-top-style', 'border-top-width', 'padding-top', 'margin-top', 'box-sizing', 'width',
];

test('G3 the brand page keeps its own styles when the portal mounts in it', async ({ page }) => {
  // Before: the brand page without the portal (its files refused).
  await page.route(/\/embed-demo\/(pkg-|style-)/, (route) => route.abort());
  await page.goto(`${HOST}/`);
  await expect(page.locator('#brand-title')).toBeVisible();
  const before = await stylesOf(page, HOST_ELEMENTS, HOST_PROPERTIES);
  // The brand page's rules really are hostile (so the comparison means something).
  expect(before['#brand-title']?.['text-transform']).toBe('uppercase');
  expect(before['#brand-button']?.['background-color']).toBe('rgb(106, 13, 173)');
  expect(before['html']?.['font-size']).toBe('20px');
  await page.unroute(/\/embed-demo\/(pkg-|style-)/);

  // After: the portal has mounted inside #mijn-lexus, under the sub-path.
  await page.goto(`${HOST}/sign-in`);
  const portal = page.locator('#mijn-lexus');
  await expect(portal.getByRole('heading', { level: 1, name: 'Aanmelden' })).toBeVisible();
  expect(await stylesOf(page, HOST_ELEMENTS, HOST_PROPERTIES)).toEqual(before);
  await expectAccessible(page, 'the brand page with the portal');
});

test('G3 sign in, open the garage and a vehicle inside the brand page', async ({ page, request }) => {
  const person = newPerson('g3-embed');
  await createConfirmedAccount(request, person);
  const car = await provisionVehicle(request);

  await page.goto(`${HOST}/garage`);
  // Not signed in: the portal's own sign-in, still under the sub-path.
  await expect(page).toHaveURL(/\/embed-demo\/sign-in\?next=/);
  const portal = page.locator('#mijn-lexus');
  await signIn(page, person.email, person.password);
  await expect(portal.getByRole('heading', { level: 1, name: 'Garage' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${HOST}/garage$`));
  await addVehicleAs(page, car, { activation_code: car.activationCode, nickname: 'Stadswagen' });

  await portal.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn profiel' }).click();
  await expect(portal.getByRole('heading', { level: 1, name: 'Persoonlijke gegevens' })).toBeVisible();
  await portal.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Garage' }).click();
  await portal.getByRole('link', { name: 'Stadswagen' }).click();
  await expect(page).toHaveURL(new RegExp(`${HOST}/garage/${car.vin}$`));
  await expect(portal.getByRole('heading', { level: 1, name: 'Stadswagen' })).toBeVisible();
  // The brand page is still around the portal.
  await expect(page.locator('#brand-title')).toHaveText('Welkom bij Lexus België');
  await expectAccessible(page, 'a vehicle page inside the brand page');

  // A reload on a deep link under the sub-path comes back to the same page.
  await page.reload();
  await expect(portal.getByRole('heading', { level: 1, name: 'Stadswagen' })).toBeVisible();
});

const PORTAL_ELEMENTS = [
  '.ml-app',
  '.ml-header',
  '.ml-header__logo img',
  '.ml-title',
  '.ml-card',
  '.ml-field__label',
  '.ml-input',
  '.ml-form button[type="submit"]',
  '.ml-muted',
  '.ml-lang__button',
  '.ml-cookie__text',
  '.ml-cookie button',
  '.ml-footer p',
];
const PORTAL_PROPERTIES = [
  'font-size', 'font-family', 'font-weight', 'line-height', 'letter-spacing', 'text-transform', 'color',
  'background-color', 'border-top-style', 'border-top-width', 'border-top-color', 'border-radius',
  'padding-top', 'padding-left', 'margin-top', 'margin-bottom', 'box-sizing', 'display', 'list-style-type',
];

test('G3 the portal looks the same inside the brand page as on its own', async ({ page }) => {
  const look = async (url: string) => {
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1, name: 'Aanmelden' })).toBeVisible();
    const page_ = await stylesOf(page, PORTAL_ELEMENTS.map((s) => `#mijn-lexus ${s}`), PORTAL_PROPERTIES);
    // A dialog lives in the top layer: it must keep the portal's styles too.
    await page.goto(url.replace('sign-in', 'register'));
    await page.getByRole('button', { name: 'Lees de gebruiksvoorwaarden' }).click();
    await expect(page.getByRole('dialog').getByRole('heading', { name: 'Gebruiksvoorwaarden Mijn Lexus' })).toBeVisible();
    const dialog = await stylesOf(
      page,
      ['dialog', '.ml-dialog__title', 'dialog button', '.ml-legal p', '.ml-legal h3'].map((s) => `#mijn-lexus ${s}`),
      PORTAL_PROPERTIES,
    );
    return { page: page_, dialog };
  };
  const alone = await look('/sign-in');
  const embedded = await look(`${HOST}/sign-in`);
  for (const [selector, styles] of Object.entries({ ...alone.page, ...alone.dialog })) {
    expect(styles, `${selector} is found`).not.toBeNull();
  }
  expect(embedded).toEqual(alone);
});

test('G3 the first page\'s fetches and hints stay under the sub-path', async ({ page }) => {
  const outside: string[] = [];
  const wasm: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (!path.startsWith(`${HOST}/`) && !path.startsWith('/api/') && path !== '/favicon.ico') outside.push(path);
    if (path.endsWith('.wasm')) wasm.push(path);
  });
  await page.goto(`${HOST}/sign-in`);
  await expect(page.locator('#mijn-lexus').getByRole('heading', { level: 1, name: 'Aanmelden' })).toBeVisible();
  expect(wasm.some((p) => /\/split_sign_in_area[^/]*\.wasm$/.test(p))).toBe(true);
  expect(outside).toEqual([]);
});
