import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Every journey also fails on a page error or a Content-Security-Policy violation. */
export const test = base.extend<{ pageProblems: string[] }>({
  pageProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy|Refused to|panicked/i.test(m.text())) {
          problems.push(`console: ${m.text()}`);
        }
      });
      await use(problems);
      expect(problems, 'page errors or CSP violations').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

let counter = 0;
/** A fresh address per journey, so journeys never share an account. */
export function uniqueEmail(tag: string): string {
  counter += 1;
  return `${tag}-${Date.now().toString(36)}-${process.pid}-${counter}@example.test`;
}

export const PASSWORD = 'avondrood boven de schelde';
export const NEW_PASSWORD = 'ochtendmist in de polder';

/** axe with the WCAG 2.0/2.1/2.2 A and AA rules, target-size included: zero violations. */
export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .options({ rules: { 'target-size': { enabled: true } } })
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

interface OutboxMessage {
  id: number;
  to: string;
  subject: string;
  body_text: string;
  created_at: string;
}

export async function outbox(request: APIRequestContext, to: string): Promise<OutboxMessage[]> {
  const res = await request.get(`/api/dev/outbox?to=${encodeURIComponent(to)}`);
  expect(res.ok()).toBeTruthy();
  return (await res.json()).messages as OutboxMessage[];
}

/** The newest link to `path` mailed to `to` (waits for the mail to arrive). */
export async function mailedLink(request: APIRequestContext, to: string, path: string): Promise<string> {
  const pattern = new RegExp(`https?://\\S+${path.replace('?', '\\?')}\\?token=[A-Za-z0-9_\\-]+`, 'g');
  let link: string | undefined;
  await expect
    .poll(async () => {
      const links = (await outbox(request, to)).flatMap((m) => m.body_text.match(pattern) ?? []);
      link = links.at(-1);
      return link;
    }, { message: `a ${path} link mailed to ${to}` })
    .toBeTruthy();
  return link!;
}

/** Opens a link from a mail in the browser, as the person would by clicking it. */
export async function openMailedLink(page: Page, link: string) {
  const url = new URL(link);
  await page.goto(url.pathname + url.search);
}

export interface Person {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
}

export function newPerson(tag: string): Person {
  return { email: uniqueEmail(tag), password: PASSWORD, firstName: 'Lotte', lastName: 'Van den Broeck' };
}

/** Fills the whole registration form except the two acceptances and the marketing box. */
export async function fillRegistration(page: Page, p: Person) {
  await page.getByLabel('Aanspreking').selectOption('ms');
  await page.getByLabel('Voornaam', { exact: true }).fill(p.firstName);
  await page.getByLabel('Achternaam', { exact: true }).fill(p.lastName);
  await page.getByLabel('E-mailadres', { exact: true }).fill(p.email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(p.password);
  await page.getByLabel('Bevestig wachtwoord', { exact: true }).fill(p.password);
  await page.getByLabel('Land', { exact: true }).selectOption('BE');
  await page.getByLabel('Mobiel nummer (optioneel)').fill('0470 12 34 56');
}

export const termsBox = (page: Page) => page.getByLabel('Ik heb de gebruiksvoorwaarden gelezen en ik ga ermee akkoord');
export const privacyBox = (page: Page) => page.getByLabel('Ik heb het privacybeleid gelezen en ik ga ermee akkoord');

/** Creates a confirmed account through the API (for journeys about something else). */
export async function createConfirmedAccount(request: APIRequestContext, p: Person) {
  const session = await (await request.get('/api/session')).json();
  const terms = await (await request.get('/api/legal/terms?lang=nl')).json();
  const privacy = await (await request.get('/api/legal/privacy?lang=nl')).json();
  const res = await request.post('/api/accounts', {
    headers: { 'x-csrf-token': session.csrf_token },
    data: {
      salutation: 'ms',
      first_name: p.firstName,
      last_name: p.lastName,
      email: p.email,
      password: p.password,
      password_confirmation: p.password,
      country: 'BE',
      language: 'nl',
      mobile_phone: '',
      accept_terms: true,
      terms_version: terms.version,
      accept_privacy: true,
      privacy_version: privacy.version,
      marketing_consent: false,
    },
  });
  expect(res.status(), await res.text()).toBe(202);
  const link = await mailedLink(request, p.email, '/confirm');
  const token = new URL(link).searchParams.get('token');
  const confirm = await request.post('/api/accounts/confirm', {
    headers: { 'x-csrf-token': session.csrf_token },
    data: { token },
  });
  expect(confirm.status(), await confirm.text()).toBe(204);
}

export async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('E-mailadres', { exact: true }).fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Aanmelden', exact: true }).click();
}
