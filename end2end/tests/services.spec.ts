import * as fs from 'node:fs';
import type { Page } from '@playwright/test';
import {
  addCardInWallet,
  addVehicleAs,
  expect,
  expectAccessible,
  pageApi,
  provisionVehicle,
  signedInPerson,
  test,
} from './support';

// F1 services per vehicle (trial, paid plans with a review step, strong
// customer authentication, cancel, withdrawal) and F3 invoices, credit
// notes, payment history and the invoice PDF.

/** A signed-in owner with one hybrid vehicle; returns its VIN. */
async function ownerWithVehicle(page: Page, request: Parameters<typeof provisionVehicle>[0], tag: string) {
  await signedInPerson(page, request, tag);
  const car = await provisionVehicle(request, { powertrain: 'hybrid' });
  await addVehicleAs(page, car, { activation_code: car.activationCode });
  return car.vin;
}

/** A test card, tokenised at the sandbox provider (as the card form does) and saved as the main card. */
async function addMainCard(page: Page, number: string) {
  const provider = await (await page.request.get('/api/wallet/provider')).json();
  const tokenised = await page.request.post(provider.tokens_url, {
    headers: { authorization: `Bearer ${provider.publishable_key}` },
    data: { number, exp_month: 12, exp_year: new Date().getFullYear() + 3, cvc: '123', holder: 'Els Peeters' },
  });
  expect(tokenised.status(), await tokenised.text()).toBe(201);
  const { token } = await tokenised.json();
  const saved = await pageApi(page, 'POST', '/api/wallet/cards', {
    token,
    billing_address: { street: 'Kerkstraat', house_number: '12', postcode: '2800', city: 'Mechelen', country: 'BE' },
    make_main: true,
  });
  expect(saved.status(), await saved.text()).toBe(201);
}

const card = (page: Page, service: string) => page.getByRole('region', { name: service, exact: true });
const outcome = (page: Page) => page.locator('#services-outcome');

async function openServices(page: Page, vin: string) {
  await page.goto(`/vehicles/${vin}/services`);
  await expect(page.getByRole('heading', { level: 1, name: 'Diensten' })).toBeVisible();
}

async function noHorizontalScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
}

/** The text shown by a PDF's content streams (`Tj` strings), as the server's own tests read it. */
function pdfText(pdf: Buffer): string {
  const s = pdf.toString('latin1');
  const out: string[] = [];
  const re = /(?:\(((?:\\.|[^\\)])*)\)|<([0-9A-Fa-f]*)>)\s*Tj/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m[1] !== undefined) out.push(m[1].replace(/\\([()\\])/g, '$1'));
    else out.push(Buffer.from(m[2], 'hex').toString('latin1'));
  }
  return out.join('\n');
}

test('F1 activate a trial, and the trial cannot be taken twice', async ({ page, request }) => {
  const vin = await ownerWithVehicle(page, request, 'f1-trial');
  // From the vehicle page.
  await page.goto(`/garage/${vin}`);
  await page.getByRole('link', { name: 'Diensten en abonnementen' }).click();
  await expect(page).toHaveURL(new RegExp(`/vehicles/${vin}/services$`));
  const remote = card(page, 'Remote');
  await expect(remote).toContainText('Niet actief');
  await expect(remote).toContainText('Per jaar: € 79,90');
  await expect(remote).toContainText('Gratis proefperiode: 1 maand(en)');
  await expect(card(page, 'HomeCharge')).toContainText('Niet beschikbaar voor de aandrijving van deze wagen.');
  await expectAccessible(page, 'the services page');

  await remote.getByRole('button', { name: 'Gratis proberen: Remote' }).click();
  const review = page.getByRole('group', { name: 'Controleer uw bestelling: Remote' });
  await expect(review).toContainText('Proefperiode eindigt op');
  await expect(review).toContainText('Een proefperiode kost niets en eindigt vanzelf.');
  await expectAccessible(page, 'the review step of a trial');
  await review.getByRole('button', { name: 'Proefperiode starten' }).click();
  await expect(outcome(page)).toContainText('De proefperiode van Remote loopt tot');
  await expect(card(page, 'Remote')).toContainText('Proefperiode tot');

  // Stopping the trial ends it at once; the trial is not offered again.
  await card(page, 'Remote').getByRole('button', { name: 'Opzeggen: Remote' }).click();
  const question = card(page, 'Remote').getByRole('group');
  await expect(question).toContainText('Remote opzeggen? De proefperiode stopt meteen.');
  await expectAccessible(page, 'the cancel question');
  await question.getByRole('button', { name: 'Ja, opzeggen' }).click();
  await expect(outcome(page)).toContainText('Opgezegd: Remote');
  await expect(card(page, 'Remote')).toContainText('Niet actief');
  await expect(card(page, 'Remote').getByRole('button', { name: 'Gratis proberen: Remote' })).toHaveCount(0);
  await expect(card(page, 'Remote')).not.toContainText('Gratis proefperiode');
  const again = await pageApi(page, 'POST', `/api/vehicles/${vin}/services/remote/quote`, { plan: 'trial' });
  expect(again.status()).toBe(409);
  expect((await again.json()).code).toBe('trial_already_used');

  // A paid plan without a card: said, with the way to the wallet.
  await card(page, 'Smart').getByRole('button', { name: 'Per maand kiezen: Smart' }).click();
  await page.getByRole('group', { name: 'Controleer uw bestelling: Smart' }).getByRole('button', { name: 'Bevestigen en betalen' }).click();
  await expect(card(page, 'Smart')).toContainText('Voor een betaalde formule is een hoofdkaart nodig.');
  await expect(card(page, 'Smart').getByRole('link', { name: 'Naar uw betaalkaarten' })).toHaveAttribute('href', /\/wallet$/);
  await expectAccessible(page, 'the services page asking for a card');

  await page.setViewportSize({ width: 360, height: 800 });
  await noHorizontalScroll(page);
});

test('F1 buy a yearly plan with strong authentication (4000 0025 0000 3155): review step, challenge approved, invoice listed, its PDF downloaded and its text checked', async ({ page, request }) => {
  const vin = await ownerWithVehicle(page, request, 'f1-sca');
  // Added through the wallet as a person would (F2); the bank asks for the
  // challenge at the first payment, not when the card is saved.
  await addCardInWallet(page, '4000 0025 0000 3155');
  await openServices(page, vin);
  await card(page, 'Smart').getByRole('button', { name: 'Per jaar kiezen: Smart' }).click();
  const review = page.getByRole('group', { name: 'Controleer uw bestelling: Smart' });
  await expect(review.getByRole('heading')).toBeFocused();
  await expect(review).toContainText('Prijs (incl. btw)€ 99,90');
  await expect(review).toContainText('Prijs zonder btw€ 82,56');
  await expect(review).toContainText('Btw (21 %)€ 17,34');
  await expect(review).toContainText('Verlengt automatisch op');
  await expect(review).toContainText('Herroepen kan tot');
  await expectAccessible(page, 'the review step of a paid plan');
  await review.getByRole('button', { name: 'Bevestigen en betalen' }).click();

  // The card issuer's page, then back to ours.
  await expect(page).toHaveURL(/\/sandbox-pay\/challenge\//);
  await page.getByRole('button', { name: 'Betaling bevestigen' }).click();
  await expect(outcome(page)).toContainText('Smart is actief tot');
  await expect(card(page, 'Smart')).toContainText('Actief, verlengt op');
  // The address no longer carries the confirmation: a reload shows the
  // page as it is and announces nothing again.
  await expect(page).toHaveURL(new RegExp(`/vehicles/${vin}/services$`));
  await page.reload();
  await expect(card(page, 'Smart')).toContainText('Actief, verlengt op');
  await expect(outcome(page)).toHaveText('');
  await expectAccessible(page, 'the services page after paying');

  await page.goto('/wallet/invoices');
  await expect(page.getByRole('heading', { level: 1, name: 'Facturen en betalingen' })).toBeVisible();
  const invoices = page.getByRole('table', { name: "Facturen en creditnota's, nieuwste eerst" });
  await expect(invoices.locator('tbody tr')).toHaveCount(1);
  await expect(invoices.locator('tbody tr')).toContainText('Factuur');
  await expect(invoices.locator('tbody tr')).toContainText('€ 99,90');
  const payments = page.getByRole('table', { name: 'Betalingen en terugbetalingen, nieuwste eerst' });
  await expect(payments.locator('tbody tr').first()).toContainText('Geslaagd');
  await expect(payments.locator('tbody tr').first()).toContainText('eindigt op 3155');
  await expectAccessible(page, 'the invoices list');
  await page.setViewportSize({ width: 360, height: 800 });
  await noHorizontalScroll(page);
  await page.setViewportSize({ width: 1280, height: 800 });

  const number = (await invoices.locator('tbody tr th a').textContent())!.trim();
  expect(number).toMatch(/^\d{4}-\d{6}$/);
  await invoices.getByRole('link', { name: number }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Factuur ${number}` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Verkoper' })).toContainText('BE0441.571.714');
  await expect(page.getByRole('region', { name: 'Klant' })).toContainText('Kerkstraat 12');
  const lines = page.getByRole('table', { name: 'Regels van de factuur' });
  await expect(lines).toContainText('Smart (Per jaar)');
  await expect(lines).toContainText(vin);
  await expect(page.getByRole('region', { name: 'Btw per tarief' })).toContainText('€ 82,56');
  await expect(page.locator('.ml-page')).toContainText('Totaal (incl. btw)€ 99,90');
  await expectAccessible(page, 'one invoice');
  await page.setViewportSize({ width: 360, height: 800 });
  await noHorizontalScroll(page);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'PDF downloaden' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${number}.pdf`);
  const pdf = fs.readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = pdfText(pdf);
  expect(text).toContain(number);
  expect(text).toContain(vin);
  expect(text).toContain('99,90');
});

test('F1 a failed challenge charges nothing', async ({ page, request }) => {
  const vin = await ownerWithVehicle(page, request, 'f1-fail');
  await addMainCard(page, '4000002500003155');
  await openServices(page, vin);
  await card(page, 'Remote').getByRole('button', { name: 'Per maand kiezen: Remote' }).click();
  await page.getByRole('group', { name: 'Controleer uw bestelling: Remote' }).getByRole('button', { name: 'Bevestigen en betalen' }).click();
  await expect(page).toHaveURL(/\/sandbox-pay\/challenge\//);
  await page.getByRole('button', { name: 'Bevestiging weigeren' }).click();
  await expect(page.getByRole('alert')).toContainText('De bevestiging bij uw bank is mislukt. Er werd niets aangerekend.');
  await expect(page).toHaveURL(new RegExp(`/vehicles/${vin}/services$`));
  await expect(card(page, 'Remote')).toContainText('Niet actief');
  await expectAccessible(page, 'the services page after a failed challenge');
  const invoices = await (await page.request.get('/api/invoices')).json();
  expect(invoices.invoices).toEqual([]);
  const history = await (await page.request.get('/api/payments')).json();
  expect(history.payments.filter((p: { status: string }) => p.status === 'succeeded')).toEqual([]);
  await page.goto('/wallet/invoices');
  await expect(page.getByText('U hebt nog geen facturen.')).toBeVisible();
  await expectAccessible(page, 'the invoices page without invoices');
});

test('F1 withdraw within 14 days: the refund is shown before confirming and a credit note appears', async ({ page, request }) => {
  const vin = await ownerWithVehicle(page, request, 'f1-withdraw');
  await addMainCard(page, '4242424242424242');
  await openServices(page, vin);
  await card(page, 'Remote').getByRole('button', { name: 'Per jaar kiezen: Remote' }).click();
  await page.getByRole('group', { name: 'Controleer uw bestelling: Remote' }).getByRole('button', { name: 'Bevestigen en betalen' }).click();
  await expect(outcome(page)).toContainText('Remote is actief tot');

  await card(page, 'Remote').getByRole('button', { name: 'Herroepen: Remote' }).click();
  const quote = page.getByRole('group', { name: 'Herroepen: uw terugbetaling' });
  await expect(quote.getByRole('heading')).toBeFocused();
  await expect(quote).toContainText('Betaald€ 79,90');
  const refund = (await quote.locator('dt:text-is("Terugbetaling") + dd').textContent())!.replace(/\s+/g, ' ').trim();
  expect(refund).toMatch(/^€ \d+,\d\d$/);
  await expectAccessible(page, 'the withdrawal quote');
  await quote.getByRole('button', { name: 'Herroepen en terugbetalen' }).click();
  await expect(outcome(page)).toContainText(`Herroepen: Remote is gestopt. Terugbetaald: ${refund}.`);
  await expect(card(page, 'Remote')).toContainText('Niet actief');

  await page.goto('/wallet/invoices');
  const invoices = page.getByRole('table', { name: "Facturen en creditnota's, nieuwste eerst" });
  await expect(invoices.locator('tbody tr')).toHaveCount(2);
  await expect(invoices.locator('tbody tr').first()).toContainText('Creditnota');
  await expect(invoices.locator('tbody tr').first()).toContainText(refund.replace('€ ', ''));
  const payments = page.getByRole('table', { name: 'Betalingen en terugbetalingen, nieuwste eerst' });
  await expect(payments.getByRole('row', { name: /Terugbetaling/ })).toHaveCount(1);
  await invoices.locator('tbody tr').first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: /^Creditnota \d{4}-\d{6}$/ })).toBeVisible();
  await expect(page.getByText(/^Corrigeert factuur/)).toBeVisible();
  await expectAccessible(page, 'a credit note');
});

test('F1 cancel a yearly plan: when it stops and the refund of the unused months are shown before confirming', async ({ page, request }) => {
  const vin = await ownerWithVehicle(page, request, 'f1-cancel-yearly');
  await addMainCard(page, '4242424242424242');
  await openServices(page, vin);
  await card(page, 'Smart').getByRole('button', { name: 'Per jaar kiezen: Smart' }).click();
  await page.getByRole('group', { name: 'Controleer uw bestelling: Smart' }).getByRole('button', { name: 'Bevestigen en betalen' }).click();
  await expect(outcome(page)).toContainText('Smart is actief tot');

  await card(page, 'Smart').getByRole('button', { name: 'Opzeggen: Smart' }).click();
  const question = card(page, 'Smart').getByRole('group');
  // In the first month: it runs to the end of that month, 11 of 12 months come back (99,90 x 11 / 12).
  await expect(question).toContainText(/^Smart opzeggen\? De dienst loopt nog tot \d{1,2} \S+ \d{4} \(het einde van de lopende abonnementsmaand\); de ongebruikte volle maanden, €\s91,58, worden meteen terugbetaald op uw kaart\./);
  await expect(question.locator('p[tabindex="-1"]')).toBeFocused();
  const until = /tot (.+?) \(het einde/.exec((await question.textContent())!)![1];
  await expectAccessible(page, 'the cancel question with its refund');
  // Nothing has changed yet.
  expect((await (await page.request.get('/api/payments')).json()).payments).toHaveLength(1);
  await question.getByRole('button', { name: 'Ja, opzeggen' }).click();
  await expect(outcome(page)).toContainText(`Opgezegd: Smart loopt tot ${until}. Terugbetaald: € 91,58.`);
  await expect(card(page, 'Smart')).toContainText(`Opgezegd, actief tot ${until}`);
});

test('F1 cancelling the standard services says first that Remote and Internet stop with them', async ({ page, request }) => {
  const vin = await ownerWithVehicle(page, request, 'f1-cancel-standard');
  await openServices(page, vin);
  for (const service of ['Standard', 'Remote', 'Internet in de wagen']) {
    await card(page, service).getByRole('button', { name: `Gratis proberen: ${service}` }).click();
    await page.getByRole('group', { name: `Controleer uw bestelling: ${service}` }).getByRole('button', { name: 'Proefperiode starten' }).click();
    await expect(outcome(page)).toContainText(`De proefperiode van ${service} loopt tot`);
  }

  await card(page, 'Standard').getByRole('button', { name: 'Opzeggen: Standard' }).click();
  const question = card(page, 'Standard').getByRole('group');
  await expect(question).toContainText('Standard opzeggen? De proefperiode stopt meteen.');
  await expect(question).toContainText('Daarmee stoppen ook:');
  const also = question.getByRole('listitem');
  await expect(also).toHaveCount(2);
  await expect(also.nth(0)).toContainText(/^Remote: loopt tot \d{1,2} \S+ \d{4}$/);
  await expect(also.nth(1)).toContainText(/^Internet in de wagen: loopt tot /);
  await expectAccessible(page, 'the cancel question naming the services that stop too');
  await question.getByRole('button', { name: 'Ja, opzeggen' }).click();
  await expect(outcome(page)).toContainText('Ook opgezegd: Remote, Internet in de wagen.');
  for (const service of ['Standard', 'Remote', 'Internet in de wagen']) {
    await expect(card(page, service)).toContainText('Niet actief');
  }
});

test('F1 Internet in the car, yearly, is renewed by hand: the review step says so and the card shows its end', async ({ page, request }) => {
  const vin = await ownerWithVehicle(page, request, 'f1-internet-yearly');
  await addMainCard(page, '4242424242424242');
  await openServices(page, vin);
  const internet = card(page, 'Internet in de wagen');
  await internet.getByRole('button', { name: 'Per jaar kiezen: Internet in de wagen' }).click();
  const review = page.getByRole('group', { name: 'Controleer uw bestelling: Internet in de wagen' });
  await expect(review).toContainText('Loopt af op');
  await expect(review).not.toContainText('Verlengt automatisch op');
  await expect(review).toContainText('Dit abonnement verlengt niet vanzelf.');
  await expectAccessible(page, 'the review step of a plan renewed by hand');
  await review.getByRole('button', { name: 'Bevestigen en betalen' }).click();
  await expect(outcome(page)).toContainText('Internet in de wagen is actief tot');
  await expect(internet).toContainText('Actief tot');
  await expect(internet).not.toContainText('verlengt op');
});

test('F1 the review step by keyboard only', async ({ page, request }) => {
  const vin = await ownerWithVehicle(page, request, 'f1-keys');
  await addMainCard(page, '5555555555554444');
  await openServices(page, vin);
  await card(page, 'Standard').getByRole('button', { name: 'Per maand kiezen: Standard' }).focus();
  await page.keyboard.press('Enter');
  const review = page.getByRole('group', { name: 'Controleer uw bestelling: Standard' });
  await expect(review.getByRole('heading')).toBeFocused();
  await expect(review).toContainText('€ 4,99');
  // Back, and the choice again, then on to confirm.
  await page.keyboard.press('Tab');
  await expect(review.getByRole('button', { name: 'Bevestigen en betalen' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(review.getByRole('button', { name: 'Terug' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(outcome(page)).toContainText('Standard is actief tot');
  await expect(outcome(page)).toBeFocused();
});
