import type { Page, Request } from '@playwright/test';
import {
  addCardInWallet,
  addVehicleAs,
  CARD_EXPIRY,
  expect,
  expectAccessible,
  fillCard,
  pageApi,
  provisionVehicle,
  putProfile,
  signedInPerson,
  test,
} from './support';

// F2 the wallet: cards go from the browser to the (sandbox) payment
// provider, our API sees only its token; the issuer verifies a card before
// it is saved; one main card; the main card's removal rules; the billing
// address in the account's country.

const cardItem = (page: Page, label: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: label }) });

/** Every request body the page sent, by URL. */
function recordBodies(page: Page) {
  const sent: { url: string; body: string }[] = [];
  page.on('request', (r: Request) => sent.push({ url: r.url(), body: r.postData() ?? '' }));
  return sent;
}

test('F2 add a card: a declined one is refused with nothing typed lost, a good one becomes the main card, and our API never sees the number', async ({ page, request }) => {
  await signedInPerson(page, request, 'f2-add');
  // The profile's address is where a first billing address starts.
  expect((await putProfile(page, { street: 'Grote Markt', house_number: '7', postcode: '2000', city: 'Antwerpen' })).status()).toBe(200);
  const sent = recordBodies(page);
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Portemonnee' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Portemonnee' })).toBeFocused();
  await expect(page.getByText('U hebt nog geen betaalkaart.')).toBeVisible();
  await expect(page.getByText('U geeft uw factuuradres op wanneer u uw eerste betaalkaart toevoegt.')).toBeVisible();
  await expectAccessible(page, 'an empty wallet');

  await page.getByRole('link', { name: 'Betaalkaart toevoegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Betaalkaart toevoegen' })).toBeFocused();
  await expect(page.getByLabel('Straat')).toHaveValue('Grote Markt');
  await expect(page.getByLabel('Postcode')).toHaveValue('2000');
  // The first card is the main card: nothing to choose.
  await expect(page.getByLabel('Maak dit mijn hoofdkaart')).toHaveCount(0);
  await expectAccessible(page, 'the add-card form');

  await fillCard(page, '4000 0000 0000 0002');
  await page.getByRole('button', { name: 'Kaart toevoegen' }).click();
  await expect(page.getByRole('alert')).toContainText('Uw bank weigerde deze kaart. Er werd niets aangerekend en de kaart werd niet bewaard.');
  await expect(page.getByLabel('Kaartnummer')).toHaveValue('4000 0000 0000 0002');
  await expect(page.getByLabel('Vervaldatum')).toHaveValue(CARD_EXPIRY);
  await expect(page.getByLabel('Naam op de kaart')).toHaveValue('Els Peeters');
  await expectAccessible(page, 'a declined card');

  // Expired at the bank, whatever date was typed.
  await page.getByLabel('Kaartnummer').fill('4000 0000 0000 0069');
  await page.getByRole('button', { name: 'Kaart toevoegen' }).click();
  await expect(page.getByRole('alert')).toContainText('Deze kaart is vervallen.');

  await page.getByLabel('Kaartnummer').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Kaart toevoegen' }).click();
  await expect(page).toHaveURL(/\/wallet\?added=1$/);
  await expect(page.getByRole('status').getByText('Uw betaalkaart is toegevoegd.')).toBeVisible();
  const visa = cardItem(page, 'Visa eindigend op 4242');
  await expect(visa).toContainText('Hoofdkaart');
  await expect(visa).toContainText(`Geldig tot en met 12/${new Date().getFullYear() + 3}`);
  await expect(visa).toContainText('Op naam van Els Peeters');
  await expect(page.getByLabel('Straat')).toHaveValue('Grote Markt');
  await expectAccessible(page, 'a wallet with a card');

  // The card fields went to the provider only, never to /api.
  const toProvider = sent.filter((r) => r.url.includes('/sandbox-pay/v1/tokens'));
  expect(toProvider.length).toBe(3);
  expect(toProvider[2].body).toContain('4242 4242 4242 4242');
  for (const r of sent.filter((r) => r.url.includes('/api/'))) {
    for (const digits of ['4242424242424242', '4242 4242 4242 4242', '4000000000000002', '4000 0000 0000 0002', '"cvc"']) {
      expect(r.body, r.url).not.toContain(digits);
    }
  }
  const wallet = await (await page.request.get('/api/wallet/cards')).json();
  expect(wallet.cards).toHaveLength(1);
  expect(JSON.stringify(wallet)).not.toContain('424242424242');
});

test('F2 the card form checks number, expiry and security code at the fields and sends nothing until they are right', async ({ page, request }) => {
  await signedInPerson(page, request, 'f2-checks');
  const sent = recordBodies(page);
  await page.goto('/wallet/add');
  await expect(page.getByRole('heading', { level: 1, name: 'Betaalkaart toevoegen' })).toBeVisible();
  await page.getByRole('button', { name: 'Kaart toevoegen' }).click();
  const summary = page.locator('#foutmeldingen');
  await expect(summary).toBeFocused();
  for (const field of ['Naam op de kaart', 'Kaartnummer', 'Vervaldatum', 'Beveiligingscode', 'Straat', 'Postcode']) {
    await expect(summary.getByRole('link', { name: new RegExp(field) })).toBeVisible();
  }
  await page.getByLabel('Naam op de kaart').fill('Els Peeters');
  await page.getByLabel('Kaartnummer').fill('4242 4242 4242 4241');
  await page.getByLabel('Vervaldatum').fill('13/30');
  await page.getByLabel('Beveiligingscode').fill('12');
  await page.getByRole('button', { name: 'Kaart toevoegen' }).click();
  await expect(page.locator('#number-error')).toHaveText('Dit kaartnummer klopt niet. Controleer de cijfers op uw kaart.');
  await expect(page.locator('#exp-error')).toContainText('Deze vervaldatum bestaat niet.');
  await expect(page.locator('#cvc-error')).toHaveText('De beveiligingscode bestaat uit de drie cijfers op de achterkant van uw kaart.');
  await expect(page.getByLabel('Kaartnummer')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'the card form with errors');

  await page.getByLabel('Kaartnummer').fill('3714 496353 98431');
  await page.getByLabel('Vervaldatum').fill('01/20');
  await page.getByLabel('Beveiligingscode').fill('123');
  await page.getByRole('button', { name: 'Kaart toevoegen' }).click();
  await expect(page.locator('#number-error')).toHaveText('Wij aanvaarden alleen Visa- en Mastercard-kaarten. Gebruik een kaart van een van deze twee.');
  await expect(page.locator('#exp-error')).toHaveText('Deze kaart is vervallen. Gebruik een kaart die nog geldig is.');
  expect(sent.filter((r) => r.url.includes('/sandbox-pay/'))).toHaveLength(0);
  expect(sent.filter((r) => r.url.includes('/api/wallet/cards') && r.body)).toHaveLength(0);
});

test('F2 make another card the main card, and the main card cannot go while a subscription needs it: the page says why and what to do', async ({ page, request }) => {
  await signedInPerson(page, request, 'f2-main');
  const car = await provisionVehicle(request, { powertrain: 'hybrid' });
  await addVehicleAs(page, car, { activation_code: car.activationCode });
  await addCardInWallet(page, '4242 4242 4242 4242');
  // A running monthly plan paid with the (only) card.
  const bought = await pageApi(page, 'POST', `/api/vehicles/${car.vin}/services/remote`, {
    plan: 'monthly',
    idempotency_key: `f2-main-${Date.now()}-abcdef`,
  });
  expect(bought.status(), await bought.text()).toBe(200);

  await page.goto('/wallet');
  const visa = cardItem(page, 'Visa eindigend op 4242');
  await visa.getByRole('button', { name: 'Kaart verwijderen' }).click();
  const question = visa.getByRole('group', { name: 'Visa eindigend op 4242 uit uw portemonnee verwijderen?' });
  await expect(question.locator('p[tabindex="-1"]')).toBeFocused();
  await question.getByRole('button', { name: 'Ja, verwijderen' }).click();
  await expect(visa.getByRole('alert')).toHaveText(
    'Dit is uw enige kaart en een lopend abonnement wordt ermee betaald. Voeg eerst een andere kaart toe en maak die uw hoofdkaart, of zeg het abonnement op.',
  );
  await expectAccessible(page, 'a refused removal');

  // A second card, not main: now the main card must first hand over.
  await addCardInWallet(page, '5555 5555 5555 4444');
  const mastercard = cardItem(page, 'Mastercard eindigend op 4444');
  await expect(mastercard).not.toContainText('Hoofdkaart');
  await visa.getByRole('button', { name: 'Kaart verwijderen' }).click();
  await visa.getByRole('button', { name: 'Ja, verwijderen' }).click();
  await expect(visa.getByRole('alert')).toHaveText(
    'Dit is uw hoofdkaart. Maak eerst een andere kaart uw hoofdkaart; daarna kunt u deze verwijderen.',
  );

  const makeMain = mastercard.getByRole('button', { name: 'Maak dit mijn hoofdkaart' });
  await expect(makeMain).toHaveAccessibleDescription('Mastercard eindigend op 4444');
  await makeMain.click();
  await expect(page.getByRole('status').getByText('Mastercard eindigend op 4444 is nu uw hoofdkaart.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 3 }).first()).toHaveText('Mastercard eindigend op 4444');
  await expect(page.getByRole('heading', { level: 3, name: 'Mastercard eindigend op 4444' })).toBeFocused();
  await expect(cardItem(page, 'Mastercard eindigend op 4444')).toContainText('Hoofdkaart');

  await visa.getByRole('button', { name: 'Kaart verwijderen' }).click();
  await visa.getByRole('button', { name: 'Ja, verwijderen' }).click();
  await expect(page.getByRole('status').getByText('Visa eindigend op 4242 is verwijderd.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Visa eindigend op 4242' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Betaalkaart toevoegen' })).toBeFocused();
  // Renewals now go to the new main card.
  const wallet = await (await page.request.get('/api/wallet/cards')).json();
  expect(wallet.cards.map((c: { last4: string; is_main: boolean }) => [c.last4, c.is_main])).toEqual([['4444', true]]);
});

test('F2 change the billing address: it must be complete and valid, and nothing typed is lost on a refusal', async ({ page, request }) => {
  await signedInPerson(page, request, 'f2-billing');
  await addCardInWallet(page, '4242 4242 4242 4242');
  const billing = page.getByRole('region', { name: 'Factuuradres' });
  await expect(billing).toContainText('Het ligt in het land van uw account: België.');
  await billing.getByLabel('Postcode').fill('999');
  await billing.getByLabel('Gemeente').fill('');
  await billing.getByRole('button', { name: 'Factuuradres bewaren' }).click();
  await expect(page.locator('#foutmeldingen')).toBeFocused();
  await expect(page.locator('#city-error')).toHaveText('Vul dit veld in.');
  await expect(page.locator('#postcode-error')).toBeVisible();
  await expect(billing.getByLabel('Postcode')).toHaveValue('999');
  await billing.getByLabel('Postcode').fill('3000');
  await billing.getByLabel('Gemeente').fill('Leuven');
  await billing.getByRole('button', { name: 'Factuuradres bewaren' }).click();
  await expect(billing.getByRole('status')).toHaveText('Uw factuuradres is bewaard. Het staat op uw volgende facturen.');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Factuuradres' }).getByLabel('Gemeente')).toHaveValue('Leuven');
  // The API holds the same rule for a country other than the account's.
  const other = await pageApi(page, 'PUT', '/api/wallet/billing-address', {
    street: 'Damrak', house_number: '1', postcode: '1012 LG', city: 'Amsterdam', country: 'NL',
  });
  expect(other.status()).toBe(422);
  expect((await other.json()).fields[0]).toMatchObject({ field: 'billing_address.country', code: 'billing_country_mismatch' });
});

test('F2 the wallet at 360 px and by keyboard: add a card without a mouse', async ({ page, request }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signedInPerson(page, request, 'f2-keys');
  await page.goto('/wallet/add');
  const name = page.getByLabel('Naam op de kaart');
  await expect(page.getByRole('heading', { level: 1, name: 'Betaalkaart toevoegen' })).toBeVisible();
  await name.focus();
  await page.keyboard.type('Els Peeters');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Kaartnummer')).toBeFocused();
  await page.keyboard.type('5555555555554444');
  await page.keyboard.press('Tab');
  await page.keyboard.type(CARD_EXPIRY);
  await page.keyboard.press('Tab');
  await page.keyboard.type('321');
  // The billing address follows; the box number is left empty.
  for (const [label, value] of [['Straat', 'Kerkstraat'], ['Huisnummer', '12'], ['Bus (optioneel)', ''], ['Postcode', '2800'], ['Gemeente', 'Mechelen']]) {
    await page.keyboard.press('Tab');
    await expect(page.getByLabel(label)).toBeFocused();
    await page.keyboard.type(value);
  }
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').getByText('Uw betaalkaart is toegevoegd.')).toBeVisible();
  await expect(cardItem(page, 'Mastercard eindigend op 4444')).toContainText('Hoofdkaart');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
});
