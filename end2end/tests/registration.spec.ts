import {
  test, expect, expectAccessible, fillRegistration, mailedLink, newPerson, openMailedLink, outbox,
  privacyBox, signIn, termsBox, createConfirmedAccount,
} from './support';

const TERMS_REFUSED = 'U moet de gebruiksvoorwaarden accepteren om u te registreren.';
const PRIVACY_REFUSED = 'U moet het privacybeleid accepteren om u te registreren.';

test('A1 each refused acceptance blocks registration with its own Dutch message', async ({ page, request }) => {
  const person = newPerson('refuse');
  await page.goto('/register');
  await expect(page.getByRole('heading', { level: 1, name: 'Account aanmaken' })).toBeVisible();
  await expectAccessible(page, 'the empty registration form');
  await fillRegistration(page, person);
  await expect(termsBox(page)).not.toBeChecked();
  await expect(privacyBox(page)).not.toBeChecked();
  await expect(page.getByLabel('Ja, stuur mij nieuws en aanbiedingen van Lexus per e-mail (optioneel)')).not.toBeChecked();

  await page.getByRole('button', { name: 'Account aanmaken' }).click();
  await expect(page.getByText(TERMS_REFUSED).first()).toBeVisible();
  await expect(page.getByText(PRIVACY_REFUSED).first()).toBeVisible();
  // The error summary takes focus so a screen reader announces it.
  await expect(page.locator(':focus')).toHaveAttribute('role', 'alert');
  await expectAccessible(page, 'the form with both acceptances refused');

  await termsBox(page).check();
  await page.getByRole('button', { name: 'Account aanmaken' }).click();
  await expect(page.getByText(PRIVACY_REFUSED).first()).toBeVisible();
  await expect(page.getByText(TERMS_REFUSED)).toHaveCount(0);
  // Nothing typed was lost.
  await expect(page.getByLabel('Voornaam', { exact: true })).toHaveValue(person.firstName);
  await expect(page.getByLabel('E-mailadres', { exact: true })).toHaveValue(person.email);

  await termsBox(page).uncheck();
  await privacyBox(page).check();
  await page.getByRole('button', { name: 'Account aanmaken' }).click();
  await expect(page.getByText(TERMS_REFUSED).first()).toBeVisible();
  await expect(page.getByText(PRIVACY_REFUSED)).toHaveCount(0);
  // No account was made and no mail sent.
  expect(await outbox(request, person.email)).toEqual([]);
});

test('A1 terms of use and privacy policy can be read in full from the form', async ({ page }) => {
  await page.goto('/register');
  await page.getByRole('button', { name: 'Lees de gebruiksvoorwaarden' }).click();
  const terms = page.getByRole('dialog');
  await expect(terms.getByRole('heading', { name: 'Gebruiksvoorwaarden Mijn Lexus' })).toBeVisible();
  await expect(terms).toContainText('Wachtwoord resetten');
  await expectAccessible(page, 'the terms dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.getByRole('button', { name: 'Lees het privacybeleid' }).click();
  const privacy = page.getByRole('dialog');
  await expect(privacy.getByRole('heading', { name: 'Privacybeleid Mijn Lexus' })).toBeVisible();
  await expect(privacy).toContainText('privacy@mijnlexus.test');
  await expectAccessible(page, 'the privacy dialog');
});

test('A1 field rules give clear Dutch messages and the server agrees', async ({ page }) => {
  await page.goto('/register');
  await fillRegistration(page, { ...newPerson('rules'), password: 'te kort' });
  await page.getByLabel('E-mailadres', { exact: true }).fill('lotte@example');
  await page.getByLabel('Bevestig wachtwoord', { exact: true }).fill('iets anders');
  await page.getByRole('button', { name: 'Account aanmaken' }).click();
  await expect(page.getByText('Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.be.').first()).toBeVisible();
  await expect(page.getByText('Kies een wachtwoord van minstens 12 tekens.').first()).toBeVisible();
  await expect(page.getByText('De twee wachtwoorden zijn niet gelijk.').first()).toBeVisible();
  await expect(page.getByLabel('E-mailadres', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'the form with field errors');

  // A password that passes the length rule but is on the common list: only the
  // server knows the list, and its verdict is shown at the field.
  const person = newPerson('common');
  await page.goto('/register');
  await fillRegistration(page, { ...person, password: 'dragon123456' });
  await termsBox(page).check();
  await privacyBox(page).check();
  await page.getByRole('button', { name: 'Account aanmaken' }).click();
  await expect(page.getByText('Dit wachtwoord wordt te vaak gebruikt').first()).toBeVisible();
  await expect(page.getByLabel('Voornaam', { exact: true })).toHaveValue(person.firstName);
});

test('A1 A2 register, confirm by mailed link, sign in, stay signed in after reload, sign out', async ({ page, request }) => {
  const person = newPerson('journey');
  await page.goto('/register');
  await fillRegistration(page, person);
  await termsBox(page).check();
  await privacyBox(page).check();
  await page.getByRole('button', { name: 'Account aanmaken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Controleer uw e-mail' })).toBeVisible();
  await expect(page.getByText(person.email)).toBeVisible();
  await expectAccessible(page, 'the registration done page');

  // Not confirmed yet: signing in is refused with a way to get the mail again.
  await page.goto('/sign-in');
  await signIn(page, person.email, person.password);
  await expect(page.getByText('Bevestig eerst uw e-mailadres').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Verstuur de bevestigingsmail opnieuw' })).toBeVisible();
  await expectAccessible(page, 'sign-in refused for an unconfirmed address');

  await openMailedLink(page, await mailedLink(request, person.email, '/confirm'));
  await expect(page.getByRole('heading', { level: 1, name: 'E-mailadres bevestigd' })).toBeVisible();
  await expectAccessible(page, 'the confirmation page');
  await page.getByRole('link', { name: 'Aanmelden' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Aanmelden' })).toBeVisible();
  await expectAccessible(page, 'the sign-in page');
  await signIn(page, person.email, person.password);
  await expect(page.getByRole('heading', { level: 1, name: `Welkom, ${person.firstName}` })).toBeVisible();
  await expectAccessible(page, 'the signed-in home');
  for (const place of ['Mijn profiel', 'Garage', 'Kaart', 'Ritten', 'Portemonnee']) {
    await expect(page.getByRole('navigation').getByRole('link', { name: place })).toBeVisible();
  }

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: `Welkom, ${person.firstName}` })).toBeVisible();

  // The session cookie is not readable by scripts.
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith('ml_session'));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe('Strict');

  await page.getByRole('button', { name: 'Afmelden' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Aanmelden' })).toBeVisible();
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('A1 the confirmation mail can be sent again and the old link still confirms once', async ({ page, request }) => {
  const person = newPerson('resend');
  await page.goto('/register');
  await fillRegistration(page, person);
  await termsBox(page).check();
  await privacyBox(page).check();
  await page.getByRole('button', { name: 'Account aanmaken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Controleer uw e-mail' })).toBeVisible();
  const first = await mailedLink(request, person.email, '/confirm');

  await page.goto('/sign-in');
  await signIn(page, person.email, person.password);
  await page.getByRole('button', { name: 'Verstuur de bevestigingsmail opnieuw' }).click();
  await expect.poll(async () => (await outbox(request, person.email)).length).toBe(2);
  const second = await mailedLink(request, person.email, '/confirm');
  expect(second).not.toBe(first);

  await openMailedLink(page, second);
  await expect(page.getByRole('heading', { level: 1, name: 'E-mailadres bevestigd' })).toBeVisible();
  await openMailedLink(page, second);
  await expect(page.getByRole('heading', { level: 1, name: 'Bevestiging mislukt' })).toBeVisible();
  await expect(page.getByText('Deze link is al gebruikt').first()).toBeVisible();
  await expectAccessible(page, 'a used confirmation link');
});

test('A1 registering a known address answers like a new one and mails the owner', async ({ page, request }) => {
  const owner = newPerson('known');
  await createConfirmedAccount(request, owner);
  const before = (await outbox(request, owner.email)).length;

  await page.goto('/register');
  await fillRegistration(page, { ...owner, firstName: 'Indringer' });
  await termsBox(page).check();
  await privacyBox(page).check();
  await page.getByRole('button', { name: 'Account aanmaken' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Controleer uw e-mail' })).toBeVisible();
  await expect.poll(async () => (await outbox(request, owner.email)).length).toBe(before + 1);
  const mail = (await outbox(request, owner.email)).at(-1)!;
  expect(mail.body_text).not.toContain('/confirm?token=');

  // The owner's account is unchanged: their own name still greets them.
  await page.goto('/sign-in');
  await signIn(page, owner.email, owner.password);
  await expect(page.getByRole('heading', { level: 1, name: `Welkom, ${owner.firstName}` })).toBeVisible();
});
