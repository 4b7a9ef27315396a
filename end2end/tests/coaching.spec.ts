import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from './support';
import { ownerWithTrips } from './trips-support';

// E3: the hybrid coaching page of a vehicle with a year of trips (one every
// third day): its charts show what the API computed, in the visitor's
// notation, reachable by keyboard, readable as tables, usable at 360 px.

interface Period {
  period: string;
  trips: number;
  ev_distance_km: number;
  eco_distance_km: number;
  hybrid_score: number | null;
  ev_share_distance_pct: number | null;
  average_consumption_l_100km: number | null;
}

interface Overview {
  months: Period[];
  weeks: Period[];
  this_month: Period;
  previous_months: Period | null;
  best_trips: { id: number }[];
  worst_trips: { id: number }[];
}

const nl = (x: number, decimals: number) =>
  new Intl.NumberFormat('nl-BE', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(x);

/** An owner with a year of trips on the coaching page, and what the API says for the period it shows. */
async function coachingPage(page: Page, request: Parameters<typeof ownerWithTrips>[1], tag: string) {
  const car = await ownerWithTrips(page, request, tag, { count: 120, every: 3 });
  await page.getByRole('navigation', { name: 'Ritten en coaching' }).getByRole('link', { name: 'Hybride coaching' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hybride coaching' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Elektrisch rijden en hybride score' })).toBeVisible();
  const from = await page.locator('#coaching-from').inputValue();
  const to = await page.locator('#coaching-to').inputValue();
  const res = await page.request.get(`/api/vehicles/${car.vin}/coaching?from=${from}&to=${to}`);
  expect(res.status(), await res.text()).toBe(200);
  const overview = (await res.json()) as Overview;
  return { car, overview };
}

const section = (page: Page, name: string) => page.getByRole('region', { name });

test('E3 the charts show the values the API computed, in their tables', async ({ page, request }) => {
  // Two axe runs, one over 53 weeks of three charts and a table: slow on a busy machine.
  test.slow();
  const { overview } = await coachingPage(page, request, 'e3-values');
  expect(overview.months.length).toBeGreaterThanOrEqual(12);
  await expectAccessible(page, 'the coaching page');

  // EV share and hybrid score: the table behind the toggle, a row per month.
  const trend = section(page, 'Elektrisch rijden en hybride score');
  const toggle = trend.getByRole('button', { name: 'Tabel met de waarden tonen' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(trend.getByRole('table')).toHaveCount(0);
  await toggle.click();
  await expect(trend.getByRole('button', { name: 'Tabel met de waarden verbergen' })).toHaveAttribute('aria-expanded', 'true');
  const trendTable = trend.getByRole('table', { name: 'Aandeel elektrisch en hybride score per maand' });
  const trendRows = trendTable.locator('tbody tr');
  await expect(trendRows).toHaveCount(overview.months.length);
  for (const i of [0, overview.months.length - 2, overview.months.length - 1]) {
    const m = overview.months[i];
    const cells = trendRows.nth(i).locator('td');
    if (m.trips === 0) {
      await expect(cells.nth(0)).toHaveText('geen ritten');
    } else {
      await expect(cells.nth(0)).toHaveText(String(m.ev_share_distance_pct));
      await expect(cells.nth(1)).toHaveText(String(m.hybrid_score));
    }
  }

  // The distance split: electric and eco km of the newest month with trips.
  const split = section(page, 'Afstand per rijstand');
  await split.getByRole('button', { name: 'Tabel met de waarden tonen' }).click();
  const splitRows = split.getByRole('table', { name: 'Afstand per rijstand per maand, in km' }).locator('tbody tr');
  const last = overview.months.map((m, i) => [m, i] as const).filter(([m]) => m.trips > 0).pop()!;
  const cells = splitRows.nth(last[1]).locator('td');
  await expect(cells.nth(0)).toHaveText(`${nl(last[0].ev_distance_km, 1)} km`);
  await expect(cells.nth(1)).toHaveText(`${nl(last[0].eco_distance_km, 1)} km`);

  // This month against the previous ones.
  const month = page.getByRole('table', { name: 'Deze maand en de vorige maanden van de periode samen' });
  await expect(month.getByRole('row', { name: /^Ritten/ })).toContainText(String(overview.this_month.trips));
  await expect(page.getByRole('img', { name: 'Hybride score: Vorige maanden' }))
    .toContainText(String(overview.previous_months!.hybrid_score));

  // Per week: a row per ISO week.
  await page.getByRole('radio', { name: 'Week' }).check();
  const weekTable = trend.getByRole('table', { name: 'Aandeel elektrisch en hybride score per week' });
  await trend.getByRole('button', { name: 'Tabel met de waarden tonen' }).click();
  await expect(weekTable.locator('tbody tr')).toHaveCount(overview.weeks.length);
  await expectAccessible(page, 'the coaching page per week');
});

test('E3 a keyboard user reads a chart value in its tooltip', async ({ page, request }) => {
  const { overview } = await coachingPage(page, request, 'e3-keys');
  await page.getByRole('radio', { name: 'Maand' }).focus();
  const focusedPoint = () => page.evaluate(() => document.activeElement?.classList.contains('ml-chart__point') ?? false);
  for (let i = 0; i < 10 && !(await focusedPoint()); i += 1) await page.keyboard.press('Tab');
  const first = overview.months[0];
  const point = page.locator('#coaching-trend-point-0');
  await expect(point).toBeFocused();
  const tip = section(page, 'Elektrisch rijden en hybride score').locator('.ml-chart__tip');
  await expect(tip).toBeVisible();
  const value = first.trips === 0 ? 'geen ritten' : `Hybride score (0–100): ${first.hybrid_score}`;
  await expect(tip).toContainText(value);
  await expect(point).toHaveAttribute('aria-label', new RegExp(value.replace(/[()]/g, '\\$&')));
  // The next period by Tab, and the tooltip follows; leaving hides it.
  await page.keyboard.press('Tab');
  await expect(page.locator('#coaching-trend-point-1')).toBeFocused();
  await expect(tip).toBeVisible();
  await page.getByRole('radio', { name: 'Maand' }).focus();
  await expect(tip).toBeHidden();
  // Hovering a bar shows its tooltip too.
  await page.locator('#coaching-split-point-0').hover();
  await expect(section(page, 'Afstand per rijstand').locator('.ml-chart__tip')).toBeVisible();
});

test('E3 the coaching page fits a 360 px screen', async ({ page, request }) => {
  await coachingPage(page, request, 'e3-narrow');
  await page.setViewportSize({ width: 360, height: 800 });
  await expect(page.getByRole('region', { name: 'Afstand per rijstand' })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const chartWidth = await page.locator('#coaching-split-point-0').evaluate((el) => el.closest('svg')!.getBoundingClientRect().width);
  expect(chartWidth).toBeLessThanOrEqual(360);
  expect(chartWidth).toBeGreaterThan(250);
  // Drawn without inline style (the CSP allows none): positions and paint are attributes.
  await expect(page.locator('main [style]')).toHaveCount(0);
  await expect(page.locator('main svg rect[x]').first()).toBeAttached();
  await expectAccessible(page, 'the coaching page at 360 px');
});

test('E3 a best and a worst trip open that trip', async ({ page, request }) => {
  const { car, overview } = await coachingPage(page, request, 'e3-trips');
  const best = page.getByRole('region', { name: 'Beste ritten (hoogste hybride score)' });
  await expect(best.locator('tbody tr')).toHaveCount(overview.best_trips.length);
  await best.locator('tbody tr').first().getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/trips/${overview.best_trips[0].id}\\?vin=${car.vin}$`));
  await expect(page.getByRole('heading', { level: 1, name: /^Rit van / })).toBeVisible();
  await page.goBack();
  const worst = page.getByRole('region', { name: 'Ritten met de laagste hybride score' });
  await worst.locator('tbody tr').first().getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/trips/${overview.worst_trips[0].id}\\?vin=${car.vin}$`));
  await expect(page.getByRole('heading', { level: 1, name: /^Rit van / })).toBeVisible();
});
