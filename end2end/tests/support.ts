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

// ---- garage (C1-C5): the telematics backend side, and adding vehicles ----

export const TELEMATICS_TOKEN = 'e2e-telematics-token';
const VIN_ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

/** A fresh, valid VIN (17 characters, no I, O or Q) that no other journey uses. */
export function randomVin(): string {
  let vin = 'JTH';
  for (let i = 0; i < 14; i += 1) vin += VIN_ALPHABET[Math.floor(Math.random() * VIN_ALPHABET.length)];
  return vin;
}

export interface TestVehicle {
  vin: string;
  ingestKey: string;
  activationCode: string;
  model: string;
}

/** Registers a vehicle at the telematics backend (PUT /api/telematics/vehicles/{vin}). */
export async function provisionVehicle(
  request: APIRequestContext,
  spec: { model?: string; family?: string; year?: number; powertrain?: 'hybrid' | 'plug_in_hybrid' | 'electric' } = {},
): Promise<TestVehicle> {
  const vin = randomVin();
  const v: TestVehicle = {
    vin,
    ingestKey: `ingest-${vin}-${Math.random().toString(36).slice(2)}-0123456789abcdef`,
    activationCode: `LX-${vin.slice(-6)}-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
    model: spec.model ?? 'UX 250h',
  };
  const res = await request.put(`/api/telematics/vehicles/${vin}`, {
    headers: { authorization: `Bearer ${TELEMATICS_TOKEN}` },
    data: {
      model: v.model,
      model_family: spec.family ?? 'ux',
      model_year: spec.year ?? 2023,
      powertrain: spec.powertrain ?? 'hybrid',
      activation_code: v.activationCode,
      ingest_key: v.ingestKey,
    },
  });
  expect(res.status(), await res.text()).toBe(204);
  return v;
}

let messageCounter = 0;
/** Sends one status message through the ingest API, recorded `agoSeconds` ago. */
export async function sendStatus(
  request: APIRequestContext,
  v: TestVehicle,
  status: Record<string, unknown>,
  agoSeconds = 0,
) {
  messageCounter += 1;
  const res = await request.post(`/api/ingest/vehicles/${v.vin}/messages`, {
    headers: { authorization: `Bearer ${v.ingestKey}` },
    data: {
      messages: [
        {
          message_id: `e2e-${Date.now()}-${process.pid}-${messageCounter}`,
          recorded_at: new Date(Date.now() - agoSeconds * 1000).toISOString(),
          status,
        },
      ],
    },
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** Adds a vehicle to the garage of whoever is signed in on `page` (through the API, with its cookies). */
export async function addVehicleAs(page: Page, v: TestVehicle, body: Record<string, unknown>) {
  const session = await (await page.request.get('/api/session')).json();
  const res = await page.request.post('/api/vehicles', {
    headers: { 'x-csrf-token': session.csrf_token },
    data: { vin: v.vin, licence_plate: '1-ABC-234', ...body },
  });
  expect(res.status(), await res.text()).toBe(201);
}

/** Registers a HomeCharge charger and its latest status at the backend. */
export async function provisionCharger(
  request: APIRequestContext,
  pin: string,
  report: { state: 'idle' | 'charging' | 'error'; power_kw: number; session_energy_kwh: number },
): Promise<string> {
  const serial = `HC${Math.floor(Math.random() * 90 + 10)}-${Date.now().toString().slice(-7)}`;
  const headers = { authorization: `Bearer ${TELEMATICS_TOKEN}` };
  let res = await request.put(`/api/telematics/chargers/${serial}`, {
    headers,
    data: { model: 'Lexus HomeCharge 11 kW', pin },
  });
  expect(res.status(), await res.text()).toBe(204);
  res = await request.post(`/api/telematics/chargers/${serial}/status`, {
    headers,
    data: { recorded_at: new Date(Date.now() - 120_000).toISOString(), ...report },
  });
  expect(res.status(), await res.text()).toBe(204);
  return serial;
}

/** A confirmed account, signed in on `page` through the sign-in form. */
export async function signedInPerson(page: Page, request: APIRequestContext, tag: string): Promise<Person> {
  const p = newPerson(tag);
  await createConfirmedAccount(request, p);
  await page.goto('/sign-in');
  await signIn(page, p.email, p.password);
  await expect(page.getByRole('button', { name: 'Afmelden' })).toBeVisible();
  return p;
}

// ---- profile (B1-B5), languages (G1), legal versions (A4) ----

/** A confirmed account, signed in through the form and landed on `path`. */
export async function signedInAt(page: Page, request: APIRequestContext, tag: string, path: string): Promise<Person> {
  const person = newPerson(tag);
  await createConfirmedAccount(request, person);
  await page.goto(`/sign-in?next=${encodeURIComponent(path)}`);
  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?]/g, '\\?')}$`));
  return person;
}

/** A state-changing API call from the page's own session (cookies + CSRF token). */
export async function pageApi(page: Page, method: 'PUT' | 'POST' | 'DELETE', url: string, data?: unknown) {
  const session = await (await page.request.get('/api/session')).json();
  return page.request.fetch(url, { method, data, headers: { 'x-csrf-token': session.csrf_token } });
}

/** The full profile body for PUT /api/profile, with `changes` applied. */
export async function putProfile(page: Page, changes: Record<string, string>) {
  const p = await (await page.request.get('/api/profile')).json();
  const body = {
    salutation: p.salutation, first_name: p.first_name, last_name: p.last_name,
    birth_date: p.birth_date ?? '', language: p.language, street: p.street,
    house_number: p.house_number, box: p.box, postcode: p.postcode, city: p.city,
    country: p.country, mobile_phone: p.mobile_phone ?? '', landline_phone: p.landline_phone ?? '',
    ...changes,
  };
  return pageApi(page, 'PUT', '/api/profile', body);
}

// ---- the map section (D3, D4) ----

/** The car fetches what waits for it and acknowledges each with `status`. */
export async function carAcknowledges(request: APIRequestContext, car: TestVehicle, status: 'delivered' | 'failed') {
  const headers = { authorization: `Bearer ${car.ingestKey}` };
  const pending = await request.get(`/api/ingest/vehicles/${car.vin}/commands`, { headers });
  expect(pending.status(), await pending.text()).toBe(200);
  const { commands } = await pending.json();
  expect(commands.length).toBeGreaterThan(0);
  for (const c of commands) {
    const data = status === 'delivered' ? { status } : { status, failure: 'rejected' };
    const ack = await request.post(`/api/ingest/vehicles/${car.vin}/commands/${c.id}/ack`, { headers, data });
    expect(ack.status(), await ack.text()).toBe(204);
  }
  return commands;
}

/** Types into an address field and chooses the result named `choice` with the keyboard. */
export async function chooseAddress(page: Page, field: string, typed: string, choice: string) {
  const box = page.getByRole('combobox', { name: field });
  await box.fill(typed);
  const option = page.getByRole('option', { name: choice, exact: true });
  await expect(option).toBeVisible();
  const options = await page.getByRole('listbox', { name: field }).getByRole('option').allTextContents();
  const index = options.indexOf(choice);
  expect(index, `${choice} in ${options.join(' | ')}`).toBeGreaterThanOrEqual(0);
  for (let i = 0; i <= index; i += 1) await box.press('ArrowDown');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');
  await expect(page.getByRole('listbox', { name: field })).toBeHidden();
}

// ---- the wallet (F2) ----

/** A card's expiry as typed on the form: December, three years ahead. */
export const CARD_EXPIRY = `12/${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`;

/** Fills the card part of /wallet/add. */
export async function fillCard(page: Page, number: string) {
  await page.getByLabel('Naam op de kaart').fill('Els Peeters');
  await page.getByLabel('Kaartnummer').fill(number);
  await page.getByLabel('Vervaldatum').fill(CARD_EXPIRY);
  await page.getByLabel('Beveiligingscode').fill('123');
}

/** Adds a test card through /wallet/add as a person would; the billing address is filled when empty. */
export async function addCardInWallet(page: Page, number: string, opts: { makeMain?: boolean } = {}) {
  await page.goto('/wallet/add');
  await expect(page.getByRole('heading', { level: 1, name: 'Betaalkaart toevoegen' })).toBeVisible();
  await fillCard(page, number);
  const street = page.getByLabel('Straat');
  if ((await street.inputValue()) === '') {
    await street.fill('Kerkstraat');
    await page.getByLabel('Huisnummer').fill('12');
    await page.getByLabel('Postcode').fill('2800');
    await page.getByLabel('Gemeente').fill('Mechelen');
  }
  if (opts.makeMain) await page.getByLabel('Maak dit mijn hoofdkaart').check();
  await page.getByRole('button', { name: 'Kaart toevoegen' }).click();
  await expect(page.getByRole('status').getByText('Uw betaalkaart is toegevoegd.')).toBeVisible();
}

// ---- remote functions (F4): the car's side ----

export interface PendingRemoteCommand {
  id: number;
  action: { kind: string } & Record<string, unknown>;
}

/** The car fetches its queued remote commands (with its other pending commands), oldest first. */
export async function carFetchesRemote(request: APIRequestContext, car: TestVehicle): Promise<PendingRemoteCommand[]> {
  const pending = await request.get(`/api/ingest/vehicles/${car.vin}/commands`, {
    headers: { authorization: `Bearer ${car.ingestKey}` },
  });
  expect(pending.status(), await pending.text()).toBe(200);
  return (await pending.json()).remote as PendingRemoteCommand[];
}

/** The car reports what became of remote command `id`: delivered, done, or failed with a reason. */
export async function carReportsRemote(
  request: APIRequestContext,
  car: TestVehicle,
  id: number,
  status: 'delivered' | 'done' | 'failed',
  failure?: 'unreachable' | 'vehicle_in_use' | 'energy_low' | 'not_plugged_in',
) {
  const ack = await request.post(`/api/ingest/vehicles/${car.vin}/remote-commands/${id}/ack`, {
    headers: { authorization: `Bearer ${car.ingestKey}` },
    data: failure ? { status, failure } : { status },
  });
  expect(ack.status(), await ack.text()).toBe(204);
}
