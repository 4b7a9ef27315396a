import {
  test, expect, expectAccessible, createConfirmedAccount, mailedLink, newPerson, openMailedLink,
  outbox, signIn, uniqueEmail, NEW_PASSWORD,
} from './support';

test('A2 a wrong password is refused without saying which part was wrong, and the address stays typed', async ({ page, request }) => {
  const person = newPerson('wrongpw');
  await createConfirmedAccount(request, person);
  await page.goto('/sign-in');
  await signIn(page, person.email, 'niet mijn wachtwoord');
  await expect(page.getByText('Het e-mailadres of het wachtwoord klopt niet.').first()).toBeVisible();
  await expect(page.getByLabel('E-mailadres', { exact: true })).toHaveValue(person.email);
  await expectAccessible(page, 'sign-in with a wrong password');

  // An unknown address gets exactly the same answer.
  await page.goto('/sign-in');
  await signIn(page, uniqueEmail('nobody'), 'niet mijn wachtwoord');
  await expect(page.getByText('Het e-mailadres of het wachtwoord klopt niet.').first()).toBeVisible();
});

test('A2 a protected page sends an anonymous visitor to sign in and back afterwards', async ({ page, request }) => {
  const person = newPerson('redirect');
  await createConfirmedAccount(request, person);
  await page.goto('/garage');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fgarage/);
  await expect(page.getByRole('heading', { level: 1, name: 'Aanmelden' })).toBeVisible();
  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL(/\/garage$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Garage' })).toBeVisible();
  await expectAccessible(page, 'the garage place');
});

test('A2 sign-in only returns to pages of the portal itself', async ({ page, request }) => {
  const person = newPerson('nextsafe');
  await createConfirmedAccount(request, person);
  await page.goto('/sign-in?next=' + encodeURIComponent('//evil.example/steal'));
  await signIn(page, person.email, person.password);
  await expect(page.getByRole('heading', { level: 1, name: `Welkom, ${person.firstName}` })).toBeVisible();
  expect(new URL(page.url()).host).toBe(new URL(page.url()).host);
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
});

test('A3 reset the password by mailed link and sign in with the new one', async ({ page, request }) => {
  const person = newPerson('reset');
  await createConfirmedAccount(request, person);
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Wachtwoord resetten' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wachtwoord resetten' })).toBeVisible();
  await expectAccessible(page, 'the forgot-password page');
  await page.getByLabel('E-mailadres', { exact: true }).fill(person.email);
  await page.getByRole('button', { name: 'Stuur mij een resetlink' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Controleer uw e-mail' })).toBeVisible();

  await openMailedLink(page, await mailedLink(request, person.email, '/reset-password'));
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuw wachtwoord instellen' })).toBeVisible();
  await expectAccessible(page, 'the reset-password page');
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Bevestig nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Wijzig wachtwoord' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Uw wachtwoord is gewijzigd' })).toBeVisible();

  await page.getByRole('link', { name: 'Aanmelden' }).click();
  await signIn(page, person.email, person.password);
  await expect(page.getByText('Het e-mailadres of het wachtwoord klopt niet.').first()).toBeVisible();
  await page.getByLabel('Wachtwoord', { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Welkom, ${person.firstName}` })).toBeVisible();
});

test('A3 a reset link works only once', async ({ page, request }) => {
  const person = newPerson('once');
  await createConfirmedAccount(request, person);
  await page.goto('/forgot-password');
  await page.getByLabel('E-mailadres', { exact: true }).fill(person.email);
  await page.getByRole('button', { name: 'Stuur mij een resetlink' }).click();
  const link = await mailedLink(request, person.email, '/reset-password');

  await openMailedLink(page, link);
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Bevestig nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Wijzig wachtwoord' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Uw wachtwoord is gewijzigd' })).toBeVisible();

  await openMailedLink(page, link);
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('nog een ander wachtwoord');
  await page.getByLabel('Bevestig nieuw wachtwoord', { exact: true }).fill('nog een ander wachtwoord');
  await page.getByRole('button', { name: 'Wijzig wachtwoord' }).click();
  await expect(page.getByText('Deze link is al gebruikt').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Vraag een nieuwe link aan' })).toBeVisible();
  await expectAccessible(page, 'a used reset link');
});

test('A3 asking for a reset never reveals whether the address has an account', async ({ page, request }) => {
  const stranger = uniqueEmail('stranger');
  await page.goto('/forgot-password');
  await page.getByLabel('E-mailadres', { exact: true }).fill(stranger);
  await page.getByRole('button', { name: 'Stuur mij een resetlink' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Controleer uw e-mail' })).toBeVisible();
  const unknownText = await page.getByRole('main').innerText();

  const person = newPerson('known-reset');
  await createConfirmedAccount(request, person);
  await page.goto('/forgot-password');
  await page.getByLabel('E-mailadres', { exact: true }).fill(person.email);
  await page.getByRole('button', { name: 'Stuur mij een resetlink' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Controleer uw e-mail' })).toBeVisible();
  const knownText = await page.getByRole('main').innerText();

  expect(knownText.replace(person.email, 'X')).toBe(unknownText.replace(stranger, 'X'));
  expect(await outbox(request, stranger)).toEqual([]);
});

test('A3 a forged reset link is refused with a way to ask for a new one', async ({ page }) => {
  await page.goto('/reset-password?token=dit-is-geen-echte-token');
  await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Bevestig nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Wijzig wachtwoord' }).click();
  await expect(page.getByText('Deze link is ongeldig').first()).toBeVisible();
  await page.getByRole('link', { name: 'Vraag een nieuwe link aan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Wachtwoord resetten' })).toBeVisible();
});
