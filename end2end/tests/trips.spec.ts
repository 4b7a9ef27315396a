import * as fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from './support';
import { DAY, ownerWithTrips, TRIPS } from './trips-support';

// E1, E2: trips of a period, tagging and the logbook, one trip with its
// route, events and coaching. The trips come from trips-support.ts.

const list = (page: Page) => page.getByRole('region', { name: 'Ritten, nieuwste eerst' });
const rows = (page: Page) => list(page).locator('tbody tr');

test('E1 browse the trips of a period and load older ones', async ({ page, request }) => {
  await ownerWithTrips(page, request, 'e1-browse');
  await expect(rows(page)).toHaveCount(50);
  const first = rows(page).first();
  await expect(first).toContainText('Kerkhofweg 1, 2800 Mechelen → Groenplaats 5, 2000 Antwerpen');
  await expect(first).toContainText('21,0 km');
  await expectAccessible(page, 'the trips list');
  await page.getByRole('button', { name: 'Oudere ritten tonen' }).click();
  await expect(rows(page)).toHaveCount(TRIPS);
  await expect(page.locator('#trips-list-row-50')).toBeFocused();
  await expect(page.getByRole('button', { name: 'Oudere ritten tonen' })).toHaveCount(0);

  // A shorter period: only its trips, and its totals.
  const from = new Date(Date.now() - 10 * DAY).toISOString().slice(0, 10);
  await page.getByLabel('Van', { exact: true }).fill(from);
  await page.getByLabel('Van', { exact: true }).dispatchEvent('change');
  const expected = Array.from({ length: TRIPS }, (_, k) => k + 1)
    .filter((i) => new Date(Date.now() - i * DAY).toISOString().slice(0, 10) >= from).length;
  await expect(rows(page)).toHaveCount(expected);
  const totals = page.getByRole('table', { name: /^Ritten per soort/ });
  await expect(totals.getByRole('row', { name: /Niet aangeduid/ })).toContainText(String(expected));
  // An end before the start is said at the field; the list stays.
  await page.getByLabel('Tot en met', { exact: true }).fill(new Date(Date.now() - 20 * DAY).toISOString().slice(0, 10));
  await page.getByLabel('Tot en met', { exact: true }).dispatchEvent('change');
  await expect(page.locator('#trips-to-error')).toBeVisible();
});

test('E2 tag several trips business, see the totals and export the logbook', async ({ page, request }) => {
  await ownerWithTrips(page, request, 'e2-tag');
  for (let k = 0; k < 3; k += 1) {
    await rows(page).nth(k).getByRole('checkbox').check();
  }
  await expect(page.getByText('Geselecteerd: 3')).toBeVisible();
  await page.getByRole('group', { name: 'Geselecteerde ritten indelen' }).getByRole('button', { name: 'Zakelijk', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Gemarkeerd als Zakelijk: 3.' })).toBeVisible();
  const totals = page.getByRole('table', { name: /^Ritten per soort/ });
  await expect(totals.getByRole('row', { name: /^Zakelijk/ })).toContainText('3');
  for (let k = 0; k < 3; k += 1) await expect(rows(page).nth(k)).toContainText('Zakelijk');
  await expect(rows(page).nth(3)).toContainText('Niet aangeduid');
  await expectAccessible(page, 'trips after tagging');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Rittenlogboek van deze periode downloaden (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^rittenlogboek_.*\.csv$/);
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).split('\r\n').filter((l) => l !== '');
  expect(lines.some((l) => l.includes('Datum;Vertrek;Aankomst'))).toBe(true);
  expect(lines.filter((l) => l.includes(';Zakelijk;'))).toHaveLength(3);
  expect(lines.filter((l) => l.includes('Kerkhofweg 1, 2800 Mechelen'))).toHaveLength(TRIPS);
});

test('E2 tag a trip private by keyboard only', async ({ page, request }) => {
  await ownerWithTrips(page, request, 'e2-keys');
  const box = rows(page).first().getByRole('checkbox');
  await box.focus();
  await page.keyboard.press('Space');
  await expect(box).toBeChecked();
  const privateButton = page.getByRole('group', { name: 'Geselecteerde ritten indelen' }).getByRole('button', { name: 'Privé', exact: true });
  for (let i = 0; i < 20 && !(await privateButton.evaluate((b) => b === document.activeElement)); i += 1) {
    await page.keyboard.press('Shift+Tab');
  }
  await expect(privateButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Gemarkeerd als Privé: 1.' })).toBeVisible();
  await expect(rows(page).first()).toContainText('Privé');
});

test('E1 open a trip: route by driving mode, events on the map and in the list, coaching', async ({ page, request }) => {
  await ownerWithTrips(page, request, 'e1-detail');
  await rows(page).first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: /^Rit van / })).toBeVisible();
  const map = page.getByRole('region', { name: 'Kaart van de rit met de gebeurtenissen' });
  await expect(map.getByRole('button', { name: 'Vertrek' })).toBeVisible();
  await expect(map.getByRole('button', { name: 'Aankomst' })).toBeVisible();
  const event = map.getByRole('button', { name: /^Hard remmen om \d\d:\d\d$/ });
  await expect(event).toBeVisible();
  // One line per driving mode, and the same colours in words.
  await expect(map.locator('path.ml-map__route')).toHaveCount(3);
  await expect(page.getByRole('list', { name: 'Kleuren van de route' }).getByRole('listitem')).toHaveText([
    'Elektrisch (motor uit)', 'Eco', 'Power (veel vermogen gevraagd)',
  ]);
  const events = page.getByRole('table', { name: 'Bruuske manoeuvres tijdens de rit' });
  await expect(events.getByRole('row', { name: /Hard remmen/ })).toContainText((await event.getAttribute('title'))!.slice(-5));
  const scores = page.getByRole('table', { name: 'Hybride score en zijn onderdelen (0–100)' });
  await expect(scores.getByRole('row', { name: /Remmen/ })).toContainText('40');
  await expect(page.getByText('Hier valt deze rit het meest te winnen: Remmen.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Tips voor de volgende rit' })).toBeVisible();
  await expectAccessible(page, 'one trip');

  await page.getByRole('radio', { name: 'Zakelijk' }).check();
  await page.getByRole('textbox', { name: 'Notitie (optioneel)' }).fill('Klant Antwerpen');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'De rit is opgeslagen.' })).toBeVisible();
  await page.getByRole('link', { name: 'Terug naar de ritten' }).click();
  await expect(rows(page).first()).toContainText('Klant Antwerpen');
  await expect(rows(page).first()).toContainText('Zakelijk');
});
