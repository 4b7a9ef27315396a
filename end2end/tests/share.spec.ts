import type { APIRequestContext, Page } from '@playwright/test';
import {
  addVehicleAs,
  carAcknowledges,
  chooseAddress,
  expect,
  expectAccessible,
  provisionVehicle,
  signedInPerson,
  test,
} from './support';

// D3 share to car: addresses come from the server's offline index of the
// Monaco extract; the car's side (fetching and acknowledging commands) is
// played here through the ingest API with the car's own key.

async function ownerOnSharePage(page: Page, request: APIRequestContext, tag: string) {
  const car = await provisionVehicle(request, { model: 'NX 450h+', family: 'nx', year: 2024 });
  await signedInPerson(page, request, tag);
  await addVehicleAs(page, car, { activation_code: car.activationCode });
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Kaart' }).click();
  await page.getByRole('navigation', { name: 'Kaart' }).getByRole('link', { name: 'Bestemming naar de wagen sturen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bestemming naar de wagen sturen' })).toBeFocused();
  return car;
}

test('D3 search an address, send it, see it delivered, change it and send it again', async ({ page, request }) => {
  const car = await ownerOnSharePage(page, request, 'd3-send');
  await expect(page.getByText('U hebt nog geen bestemmingen naar deze wagen gestuurd.')).toBeVisible();

  await chooseAddress(page, 'Bestemming: adres of plaats', 'casino monte', 'Casino de Monte Carlo');
  await expect(page.getByText('adressen gevonden')).toHaveCount(0);
  const map = page.getByRole('region', { name: 'Kaart met de bestemming en de tussenstops' });
  await expect(map.getByRole('button', { name: 'Bestemming' })).toBeVisible();
  await page.getByRole('button', { name: 'Tussenstop toevoegen' }).click();
  await expect(page.getByRole('combobox', { name: 'Tussenstop 1' })).toBeFocused();
  await chooseAddress(page, 'Tussenstop 1', 'oceanographique', 'Musée Océanographique, Avenue Saint-Martin, 98000 Monaco');
  await expect(map.getByRole('button', { name: 'Tussenstop 1' })).toBeVisible();
  await expectAccessible(page, 'the share-to-car form');
  await page.getByRole('button', { name: 'Naar mijn wagen sturen' }).click();

  await expect(page.getByText('Verstuurd. We wachten tot uw wagen de bestemming bevestigt.')).toBeVisible();
  const history = page.getByRole('region', { name: /Bestemmingen die u naar deze wagen stuurde/ });
  await expect(history.getByRole('row', { name: /Casino de Monte Carlo/ })).toContainText('Wacht op de wagen');
  // The form is empty again for the next destination.
  await expect(page.getByRole('combobox', { name: 'Bestemming: adres of plaats' })).toHaveValue('');

  const sent = await carAcknowledges(request, car, 'delivered');
  expect(sent[0].destination.label).toBe('Casino de Monte Carlo');
  expect(sent[0].stops).toHaveLength(1);
  // The page looks again by itself and says so.
  await expect(page.getByText('Uw wagen heeft de bestemming ontvangen.')).toBeVisible({ timeout: 15_000 });
  await expect(history.getByRole('row', { name: /Casino de Monte Carlo/ })).toContainText('Ontvangen door de wagen');

  // Change and send again: the form takes the destination back.
  await history.getByRole('button', { name: 'Aanpassen en opnieuw sturen' }).click();
  await expect(page.getByRole('combobox', { name: 'Bestemming: adres of plaats' })).toBeFocused();
  await expect(page.getByRole('combobox', { name: 'Tussenstop 1' })).toHaveValue('Musée Océanographique, Avenue Saint-Martin, 98000 Monaco');
  await expect(page.getByText('U past een eerder verstuurde bestemming aan.')).toBeVisible();
  await page.getByRole('button', { name: 'Tussenstop 1 verwijderen' }).click();
  await chooseAddress(page, 'Bestemming: adres of plaats', 'grimaldi forum', 'Grimaldi Forum');
  await page.getByRole('button', { name: 'Naar mijn wagen sturen' }).click();
  await expect(history.getByRole('row', { name: /Grimaldi Forum/ })).toContainText('Wacht op de wagen');
  await expect(history.getByRole('row', { name: /Casino de Monte Carlo/ })).toContainText('Ontvangen door de wagen');
  const again = await carAcknowledges(request, car, 'failed');
  expect(again[0].destination.label).toBe('Grimaldi Forum');
  expect(again[0].stops).toHaveLength(0);
  await expect(history.getByRole('row', { name: /Grimaldi Forum/ })).toContainText('Geweigerd door de wagen', { timeout: 15_000 });
  await expectAccessible(page, 'the share history');
});

test('D3 by keyboard only: search, choose, send', async ({ page, request }) => {
  await ownerOnSharePage(page, request, 'd3-keys');
  const destination = page.getByRole('combobox', { name: 'Bestemming: adres of plaats' });
  await destination.focus();
  // Escape closes the results without choosing; what was typed stays.
  await page.keyboard.type('grimaldi');
  await expect(page.getByRole('listbox', { name: 'Bestemming: adres of plaats' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox', { name: 'Bestemming: adres of plaats' })).toBeHidden();
  await expect(destination).toHaveValue('grimaldi');
  await destination.fill('');
  await page.keyboard.type('place du casino');
  await expect(page.getByRole('status').filter({ hasText: 'adressen gevonden' })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(destination).toHaveValue('Place du Casino');
  const send = page.getByRole('button', { name: 'Naar mijn wagen sturen' });
  for (let i = 0; i < 30 && !(await send.evaluate((b) => b === document.activeElement)); i += 1) {
    await page.keyboard.press('Tab');
  }
  await expect(send).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Verstuurd. We wachten tot uw wagen de bestemming bevestigt.')).toBeVisible();
});

test('D3 what cannot be sent is said at the field and nothing typed is lost', async ({ page, request }) => {
  await ownerOnSharePage(page, request, 'd3-errors');
  const destination = page.getByRole('combobox', { name: 'Bestemming: adres of plaats' });
  await destination.fill('nergens te vinden xyz');
  await expect(page.getByText('Geen adressen gevonden.')).toBeVisible();
  await page.getByRole('button', { name: 'Naar mijn wagen sturen' }).click();
  await expect(page.getByRole('alert')).toBeFocused();
  await expect(page.locator('#share-destination-error')).toHaveText('Vul dit veld in.');
  await expect(destination).toHaveValue('nergens te vinden xyz');

  await chooseAddress(page, 'Bestemming: adres of plaats', 'grimaldi forum', 'Grimaldi Forum');
  await page.getByLabel('Gewenste aankomsttijd (optioneel)').fill('2020-01-01T10:00');
  await page.getByRole('button', { name: 'Naar mijn wagen sturen' }).click();
  await expect(page.locator('#share-arrival-error')).toHaveText('Kies een aankomsttijd in de toekomst.');
  await expect(destination).toHaveValue('Grimaldi Forum');
  await expectAccessible(page, 'the share-to-car form with errors');
  // Nine stops at most.
  for (let i = 0; i < 9; i += 1) await page.getByRole('button', { name: 'Tussenstop toevoegen' }).click();
  await expect(page.getByRole('button', { name: 'Tussenstop toevoegen' })).toBeDisabled();
});

test('D3 an older car without connected navigation cannot receive destinations', async ({ page, request }) => {
  const old = await provisionVehicle(request, { model: 'IS 300h', family: 'is', year: 2017 });
  await signedInPerson(page, request, 'd3-old');
  await addVehicleAs(page, old, { activation_code: old.activationCode });
  await page.goto(`/map/share?vin=${old.vin}`);
  await expect(page.getByText('Deze wagen heeft geen navigatie die bestemmingen kan ontvangen.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Naar mijn wagen sturen' })).toHaveCount(0);
});
