import {
  test, expect, expectAccessible, createConfirmedAccount, newPerson, signIn, signedInPerson,
} from './support';

// How the portal loads (G5): the first visit fetches the shell and the one
// area it shows; the rest comes in the background or when first opened, and a
// part that cannot be fetched says so instead of breaking the app.

/** The wasm modules the page fetched, by file name. */
function wasmFetches(page: import('@playwright/test').Page): string[] {
  const seen: string[] = [];
  page.on('response', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop() ?? '';
    if (name.endsWith('.wasm')) seen.push(name);
  });
  return seen;
}

test('G5 the first visit fetches the shell and the sign-in area only; what comes next loads in the background', async ({ page, request }) => {
  const fetched = wasmFetches(page);
  const areas = () => fetched.filter((f) => f.startsWith('split_'));
  const has = (area: string) => areas().some((f) => f.startsWith(`split_${area}_area`));
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Aanmelden' })).toBeVisible();
  expect(fetched).toContain('mijn-lexus_bg.wasm');
  expect(areas()).toEqual([expect.stringMatching(/^split_sign_in_area/)]);

  // Not signed in: the public pages and the start page follow on their own,
  // the sections of the portal do not.
  await expect.poll(() => has('account') && has('home'), { timeout: 15_000 }).toBe(true);
  await page.waitForTimeout(1_000);
  expect(has('garage') || has('profile')).toBe(false);

  // Once signed in, the sections follow too.
  const person = newPerson('prefetch');
  await createConfirmedAccount(request, person);
  await signIn(page, person.email, person.password);
  await expect(page.getByRole('button', { name: 'Afmelden' })).toBeVisible();
  await expect.poll(() => has('garage') && has('profile'), { timeout: 15_000 }).toBe(true);
});

test('G5 the sections fetched in the background open without the network, and were not started before', async ({ page, request, context }) => {
  // Which wasm modules the page instantiated, by URL.
  await page.addInitScript(() => {
    const started: string[] = [];
    (window as unknown as { mlStarted: string[] }).mlStarted = started;
    const instantiate = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = (source, imports) => {
      Promise.resolve(source).then((r) => started.push(r.url), () => {});
      return instantiate(source, imports);
    };
  });
  const instantiated = () => page.evaluate(() => (window as unknown as { mlStarted: string[] }).mlStarted.join(' '));
  const fetched = wasmFetches(page);
  const has = (area: string) => fetched.some((f) => f.startsWith(`split_${area}_area`));
  await signedInPerson(page, request, 'warm');
  await expect.poll(() => has('garage') && has('profile'), { timeout: 15_000 }).toBe(true);
  // Fetched into the cache only: the modules start when their page opens
  // (instantiating them ahead cost long main-thread tasks while typing).
  await page.waitForTimeout(500);
  expect(await instantiated()).not.toContain('split_garage_area');
  expect(await instantiated()).not.toContain('split_profile_area');

  await context.setOffline(true);
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Garage' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Garage' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn profiel' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Persoonlijke gegevens' })).toBeVisible();
  expect(await instantiated()).toContain('split_garage_area');
  await context.setOffline(false);
});

test('G5 an area that cannot be fetched says so, and trying again loads it', async ({ page, request }) => {
  // No background prefetch may sneak the garage in before the failure.
  let blocked = true;
  await page.route(/split_garage_area[^/]*\.wasm$/, (route) => (blocked ? route.abort() : route.continue()));
  await signedInPerson(page, request, 'chunk');

  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Garage' }).click();
  await expect(page.getByRole('alert')).toContainText('Dit deel van Mijn Lexus kon niet worden opgehaald');
  await expectAccessible(page, 'an area that could not be fetched');
  // The rest of the portal keeps working: the menu still navigates.
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn profiel' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Persoonlijke gegevens' })).toBeVisible();

  // Back to the garage: still unreachable, still said so.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Dit deel kon niet laden' })).toBeVisible();
  blocked = false;
  await page.getByRole('button', { name: 'Probeer opnieuw' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Garage' })).toBeVisible();
});

test('G5 the first paint draws the sign-in page in the visitor\'s language before any wasm runs, and the app takes over without a shift', async ({ page }) => {
  // No wasm at all: what shows is index.html's skeleton (scripts/first-paint.js).
  await page.route(/\/pkg-[0-9a-f]+\//, (route) => route.abort());
  await page.goto('/sign-in');
  const skeleton = page.locator('#mijn-lexus > .ml-skeleton');
  // Only the address's part of the skeleton shows (the others stay hidden).
  const heading = skeleton.locator('h1').filter({ visible: true });
  await expect(heading).toHaveText('Aanmelden');
  await expect(skeleton.locator('.ml-muted')).toBeVisible();
  await expect(skeleton.locator('.ml-cookie')).toBeVisible();
  await page.unroute(/\/pkg-[0-9a-f]+\//);

  // With the wasm: the app's page replaces the skeleton in place; nothing moves.
  await page.addInitScript(() => {
    (window as unknown as { shifts: number }).shifts = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number })[]) {
        (window as unknown as { shifts: number }).shifts += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  for (const [path, heading] of [['/sign-in', 'Aanmelden'], ['/register', 'Account aanmaken']]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(skeleton).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { shifts: number }).shifts)).toBe(0);
  }
});
