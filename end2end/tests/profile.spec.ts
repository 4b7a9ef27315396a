import * as fs from 'node:fs';
import {
  test, expect, expectAccessible, mailedLink, openMailedLink, putProfile, signIn, signedInAt,
  uniqueEmail, NEW_PASSWORD,
} from './support';

test('B1 edit and save every profile field and see it after reload', async ({ page, request }) => {
  await signedInAt(page, request, 'profile-edit', '/profile');
  await expect(page.getByRole('heading', { level: 1, name: 'Persoonlijke gegevens' })).toBeVisible();
  await expectAccessible(page, 'the personal details page');
  await page.getByLabel('Aanspreking').selectOption('mx');
  await page.getByLabel('Voornaam', { exact: true }).fill('Pieter');
  await page.getByLabel('Achternaam', { exact: true }).fill('Peeters');
  await page.getByLabel('Geboortedatum (optioneel)').fill('1980-05-31');
  await page.getByLabel('Land', { exact: true }).selectOption('BE');
  await page.getByLabel('Straat', { exact: true }).fill('Meir');
  await page.getByLabel('Huisnummer').fill('12');
  await page.getByLabel('Bus (optioneel)').fill('B3');
  await page.getByLabel('Postcode', { exact: true }).fill('2000');
  await page.getByLabel('Gemeente').fill('Antwerpen');
  await page.getByLabel('Mobiel nummer (optioneel)').fill('0470 12 34 56');
  await page.getByLabel('Vast nummer (optioneel)').fill('03 123 45 67');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status').getByText('Uw gegevens zijn opgeslagen.')).toBeVisible();

  await page.reload();
  await expect(page.getByLabel('Aanspreking')).toHaveValue('mx');
  await expect(page.getByLabel('Voornaam', { exact: true })).toHaveValue('Pieter');
  await expect(page.getByLabel('Achternaam', { exact: true })).toHaveValue('Peeters');
  await expect(page.getByLabel('Geboortedatum (optioneel)')).toHaveValue('1980-05-31');
  await expect(page.getByLabel('Voorkeurstaal')).toHaveValue('nl');
  await expect(page.getByLabel('Straat', { exact: true })).toHaveValue('Meir');
  await expect(page.getByLabel('Huisnummer')).toHaveValue('12');
  await expect(page.getByLabel('Bus (optioneel)')).toHaveValue('B3');
  await expect(page.getByLabel('Postcode', { exact: true })).toHaveValue('2000');
  await expect(page.getByLabel('Gemeente')).toHaveValue('Antwerpen');
  await expect(page.getByLabel('Mobiel nummer (optioneel)')).toHaveValue('+32470123456');
  await expect(page.getByLabel('Vast nummer (optioneel)')).toHaveValue('+3231234567');
  // The header greets with the new name.
  await expect(page.locator('.ml-header__user')).toContainText('Pieter');
});

test('B1 postcode and phone are checked per country', async ({ page, request }) => {
  await signedInAt(page, request, 'profile-country', '/profile');
  const postcodeMessage = 'Deze postcode bestaat niet in het gekozen land.';
  // The server says the same as the form.
  const res = await putProfile(page, { street: 'Oudegracht', house_number: '1', postcode: '2000', city: 'Utrecht', country: 'NL' });
  expect(res.status()).toBe(422);
  const body = await res.json();
  const serverMessage = body.fields.find((f: { field: string }) => f.field === 'postcode').message;
  expect(serverMessage).toContain(postcodeMessage);

  await page.getByLabel('Land', { exact: true }).selectOption('NL');
  await page.getByLabel('Straat', { exact: true }).fill('Oudegracht');
  await page.getByLabel('Huisnummer').fill('1');
  await page.getByLabel('Postcode', { exact: true }).fill('2000');
  await page.getByLabel('Gemeente').fill('Utrecht');
  await page.getByLabel('Mobiel nummer (optioneel)').fill('012345');
  await page.getByLabel('Vast nummer (optioneel)').fill('020 123');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Er is een probleem' });
  await expect(summary).toBeFocused();
  await expect(page.locator('#postcode-error')).toHaveText(serverMessage);
  await expect(page.locator('#mobile_phone-error')).toContainText('geldig mobiel nummer');
  await expect(page.locator('#landline_phone-error')).toContainText('geldig telefoonnummer');
  await expect(page.getByLabel('Postcode', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'the personal details page with errors');
  // Nothing typed is lost; a Dutch postcode and numbers are accepted and normalised.
  await expect(page.getByLabel('Straat', { exact: true })).toHaveValue('Oudegracht');
  await page.getByLabel('Postcode', { exact: true }).fill('3511ab');
  await page.getByLabel('Mobiel nummer (optioneel)').fill('06-12345678');
  await page.getByLabel('Vast nummer (optioneel)').fill('020 123 4567');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByRole('status').getByText('Uw gegevens zijn opgeslagen.')).toBeVisible();
  await expect(page.getByLabel('Postcode', { exact: true })).toHaveValue('3511 AB');
  await expect(page.getByLabel('Mobiel nummer (optioneel)')).toHaveValue('+31612345678');
  // Luxembourg takes the L- form.
  await page.getByLabel('Land', { exact: true }).selectOption('LU');
  await page.getByLabel('Postcode', { exact: true }).fill('1234');
  await page.getByLabel('Mobiel nummer (optioneel)').fill('');
  await page.getByLabel('Vast nummer (optioneel)').fill('');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByLabel('Postcode', { exact: true })).toHaveValue('L-1234');
});

test('B1 change the e-mail address by confirming the new one', async ({ page, request }) => {
  const person = await signedInAt(page, request, 'profile-email', '/profile/email');
  await expect(page.getByRole('heading', { level: 1, name: 'E-mailadres wijzigen' })).toBeVisible();
  await expect(page.getByText(`Uw huidige e-mailadres is ${person.email}.`)).toBeVisible();
  await expectAccessible(page, 'the e-mail change page');
  const newEmail = uniqueEmail('profile-email-new');
  // A wrong password is reported at the field.
  await page.getByLabel('Nieuw e-mailadres').fill(newEmail);
  await page.getByLabel('Huidig wachtwoord').fill('niet mijn wachtwoord echt');
  await page.getByRole('button', { name: 'Wijzig e-mailadres' }).click();
  await expect(page.locator('#email_current_password-error')).toHaveText('Uw huidige wachtwoord klopt niet.');
  await expect(page.getByLabel('Nieuw e-mailadres')).toHaveValue(newEmail);
  await page.getByLabel('Huidig wachtwoord').fill(person.password);
  await page.getByRole('button', { name: 'Wijzig e-mailadres' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Kijk in uw nieuwe mailbox' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: newEmail })).toBeVisible();

  const link = await mailedLink(request, newEmail, '/confirm-email-change');
  await openMailedLink(page, link);
  await expect(page.getByRole('heading', { level: 1, name: 'Uw e-mailadres is gewijzigd' })).toBeVisible();
  await expectAccessible(page, 'the e-mail change confirmation');
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, newEmail, person.password);
  await expect(page.getByRole('button', { name: 'Afmelden' })).toBeVisible();
  // Used once only.
  await openMailedLink(page, link);
  await expect(page.getByRole('heading', { level: 1, name: 'Wijziging niet bevestigd' })).toBeVisible();
});

test('B1 change password ends other sessions', async ({ page, request, browser }) => {
  const person = await signedInAt(page, request, 'profile-password', '/profile/password');
  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const otherPage = await other.newPage();
  await otherPage.goto('/sign-in?next=%2Fprofile');
  await signIn(otherPage, person.email, person.password);
  await expect(otherPage.getByRole('heading', { level: 1, name: 'Persoonlijke gegevens' })).toBeVisible();

  await expectAccessible(page, 'the password change page');
  await page.getByLabel('Huidig wachtwoord').fill(person.password);
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Bevestig nieuw wachtwoord').fill('iets heel anders dan dat');
  await page.getByRole('button', { name: 'Wijzig wachtwoord' }).click();
  await expect(page.locator('#new_password_confirmation-error')).toBeVisible();
  await page.getByLabel('Bevestig nieuw wachtwoord').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Wijzig wachtwoord' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Op al uw andere toestellen bent u afgemeld' })).toBeVisible();

  // The other browser is signed out; this one is not.
  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/sign-in\?next=%2Fprofile/);
  await page.getByRole('link', { name: 'Noodcontact' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Noodcontact' })).toBeVisible();
  await signIn(otherPage, person.email, NEW_PASSWORD);
  await expect(otherPage.getByRole('heading', { level: 1, name: 'Persoonlijke gegevens' })).toBeVisible();
  await other.close();
});

test('B2 pick a dealer, and without a pick see the assigned one', async ({ page, request }) => {
  await signedInAt(page, request, 'profile-dealer', '/profile');
  expect((await putProfile(page, { street: 'Meir', house_number: '1', postcode: '2000', city: 'Antwerpen', country: 'BE' })).status()).toBe(200);
  await page.getByRole('link', { name: 'Voorkeursdealer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Voorkeursdealer' })).toBeVisible();
  await expect(page.getByText(/toegewezen op basis van uw postcode/)).toBeVisible();
  const assigned = await page.locator('.ml-dealer h2').first().textContent();
  expect(assigned).toMatch(/^Lexus /);
  await expect(page.getByText('Openingsuren').first()).toBeVisible();
  await expectAccessible(page, 'the dealer page');

  await page.getByLabel('Naam of gemeente van de dealer').fill('waterloo');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page.getByText('1 dealer gevonden')).toBeVisible();
  await expect(page.getByText('Chaussée de Bruxelles 255')).toBeVisible();
  await expectAccessible(page, 'the dealer search results');
  await page.getByRole('button', { name: 'Kies deze dealer: Lexus Waterloo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Lexus Waterloo is nu uw voorkeursdealer.' })).toBeVisible();
  await expect(page.getByText('U hebt deze dealer zelf gekozen.')).toBeVisible();

  await page.reload();
  await expect(page.locator('.ml-dealer h2')).toHaveText('Lexus Waterloo');
  await page.getByRole('button', { name: 'Gebruik de toegewezen dealer' }).click();
  await expect(page.getByText(/toegewezen op basis van uw postcode/)).toBeVisible();
  await expect(page.locator('.ml-dealer h2').first()).toHaveText(assigned!);
});

test('B3 add and remove an emergency contact', async ({ page, request }) => {
  await signedInAt(page, request, 'profile-emergency', '/profile/emergency-contact');
  await expect(page.getByText('U hebt geen noodcontact ingesteld.')).toBeVisible();
  await expectAccessible(page, 'the emergency contact page');
  await page.getByRole('button', { name: 'Noodcontact opslaan' }).click();
  await expect(page.locator('#name-error')).toBeVisible();
  await page.getByLabel('Naam', { exact: true }).fill('Jan Peeters');
  await page.getByLabel('Relatie').fill('partner');
  await page.getByLabel('Telefoonnummer').fill('0470 99 88 77');
  await page.getByRole('button', { name: 'Noodcontact opslaan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Uw noodcontact is opgeslagen.' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Naam', { exact: true })).toHaveValue('Jan Peeters');
  await expect(page.getByLabel('Relatie')).toHaveValue('partner');
  await expect(page.getByLabel('Telefoonnummer')).toHaveValue('+32470998877');
  await page.getByRole('button', { name: 'Noodcontact verwijderen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Uw noodcontact is verwijderd.' })).toBeVisible();
  await page.reload();
  await expect(page.getByText('U hebt geen noodcontact ingesteld.')).toBeVisible();
  await expect(page.getByLabel('Naam', { exact: true })).toHaveValue('');
});

test('B4 grant then withdraw a consent and see the history', async ({ page, request }) => {
  await signedInAt(page, request, 'profile-consents', '/profile/consents');
  const newsletter = page.getByRole('switch', { name: 'De Lexus-nieuwsbrief' });
  await expect(newsletter).not.toBeChecked();
  await expectAccessible(page, 'the consents page');
  await newsletter.check();
  await expect(page.getByRole('status').filter({ hasText: 'Toestemming gegeven: De Lexus-nieuwsbrief.' })).toBeVisible();
  await expect(newsletter).toBeChecked();
  await newsletter.uncheck();
  await expect(page.getByRole('status').filter({ hasText: 'Toestemming ingetrokken: De Lexus-nieuwsbrief.' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('switch', { name: 'De Lexus-nieuwsbrief' })).not.toBeChecked();
  await expect(page.locator('#consent-newsletter-state')).toContainText('Ingetrokken op');
  const rows = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'De Lexus-nieuwsbrief' }) });
  await expect(rows).toHaveCount(2);
  // Newest first: withdrawn on in the first, given on in the second; the device is named.
  await expect(rows.nth(0).getByRole('cell').nth(0)).toHaveText('—');
  await expect(rows.nth(0).getByRole('cell').nth(1)).not.toHaveText('—');
  await expect(rows.nth(0).getByRole('cell').nth(2)).toContainText('Chrome');
  await expect(rows.nth(1).getByRole('cell').nth(0)).not.toHaveText('—');
  await expect(rows.nth(1).getByRole('cell').nth(1)).toHaveText('—');
  await expectAccessible(page, 'the consents page with history');
});

test('B5 download the export and check its content', async ({ page, request }) => {
  const person = await signedInAt(page, request, 'profile-export', '/profile/privacy');
  await expect(page.getByRole('heading', { level: 1, name: 'Privacy en uw gegevens' })).toBeVisible();
  await expectAccessible(page, 'the privacy page');
  // The accepted documents, each readable.
  const docs = page.getByRole('region', { name: 'Documenten die u aanvaard hebt' });
  await expect(docs.getByRole('rowheader')).toHaveCount(2);
  await expect(docs.getByRole('rowheader', { name: 'Privacybeleid' })).toBeVisible();
  await docs.getByRole('button', { name: 'Lees Gebruiksvoorwaarden, versie 1' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(/Versie 1/)).toBeVisible();
  await expectAccessible(page, 'an accepted document');
  await dialog.getByRole('button', { name: 'Sluiten' }).click();
  await expect(dialog).toBeHidden();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Mijn gegevens downloaden' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^mijn-lexus-export-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  expect(data.format).toBe('mijn-lexus-export');
  expect(data.tables.users[0].email).toBe(person.email);
  expect(data.tables.users[0]).not.toHaveProperty('password_hash');
  expect(data.tables.legal_acceptances).toHaveLength(2);
  expect(Array.isArray(data.tables.consents)).toBe(true);
});

test('B5 delete the account and fail to sign in after', async ({ page, request }) => {
  const person = await signedInAt(page, request, 'profile-delete', '/profile/privacy');
  const danger = page.getByRole('region', { name: 'Account verwijderen' });
  await expect(danger).toContainText('Wat we bewaren');
  await danger.getByLabel('Wachtwoord', { exact: true }).fill('niet mijn wachtwoord echt');
  await danger.getByRole('button', { name: 'Account definitief verwijderen' }).click();
  await expect(page.locator('#password-error')).toHaveText('Uw huidige wachtwoord klopt niet.');
  await danger.getByLabel('Wachtwoord', { exact: true }).fill(person.password);
  await danger.getByRole('button', { name: 'Account definitief verwijderen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Uw account is verwijderd' })).toBeVisible();
  await expect(page).toHaveURL(/\/account-deleted$/);
  await expect(page.getByRole('button', { name: 'Afmelden' })).toHaveCount(0);
  await expectAccessible(page, 'the account-deleted page');
  await page.goto('/sign-in');
  await signIn(page, person.email, person.password);
  await expect(page.getByText('Het e-mailadres of het wachtwoord klopt niet.').first()).toBeVisible();
  // The session is gone too.
  expect((await page.request.get('/api/profile')).status()).toBe(401);
});

test('B1 every profile page fits a 360 px screen', async ({ page, request }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await signedInAt(page, request, 'profile-narrow', '/profile');
  for (const path of ['/profile', '/profile/email', '/profile/password', '/profile/dealer',
    '/profile/emergency-contact', '/profile/consents', '/profile/privacy']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('.ml-loading:visible')).toHaveCount(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
    await expectAccessible(page, `${path} at 360 px`);
  }
});
