/**
 * The add-in's built pages (`npm run build:addin`) in real headless Chromium, against the real headless companion
 * (`serve --config` with Dovecot) that serves them, with a typed fake of Office.js answered in place of office.js
 * (docs/addin.md "What only real Outlook can confirm"). Pairing, the compose switch and its read-back, the launch
 * events, the preview, the read pane's flag and Log now; en and ja; axe-core on each pane; no CSP violation.
 * Screenshots go to test/artifacts/addin/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodOutput } from '#shared/api/companion-api.js';
import type { FakeOfficeConfig, FakeRecipient } from '../support/fake-office/fake-office.js';
import { seriousAxeViolations } from './support/axe-scan.js';
import { ensureAddinBuilt } from './support/build-addin.js';
import { launchChromium } from './support/chromium.js';
import { startDovecot, type Dovecot } from './support/dovecot.js';
import {
  fakeState,
  fireLaunchEvent,
  installFakeOffice,
  setRecipientLine,
} from './support/fake-office/install-fake-office.js';
import { repoRoot, runCli } from './support/run-cli.js';
import { startTrayCompanion, type TrayCompanion } from './support/tray-companion.js';
import { freePort } from './support/free-port.js';

const artifacts = path.join(repoRoot, 'test', 'artifacts', 'addin');
type Lang = 'en' | 'ja';
type Strings = { [key: string]: string | Strings };
const words: Record<Lang, Strings> = {
  en: JSON.parse(fs.readFileSync(path.join(repoRoot, 'addin/i18n/en.json'), 'utf8')) as Strings,
  ja: JSON.parse(fs.readFileSync(path.join(repoRoot, 'addin/i18n/ja.json'), 'utf8')) as Strings,
};
/** A pane string with its placeholders filled in. */
function say(lang: Lang, key: string, values: Record<string, string> = {}): string {
  let node: string | Strings | undefined = words[lang];
  for (const part of key.split('.')) {
    node = typeof node === 'object' ? node[part] : undefined;
  }
  if (typeof node !== 'string') {
    throw new Error(`no ${lang} string ${key}`);
  }
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? `{{${name}}}`);
}
/** The literal start of a string, before its first placeholder. */
const lead = (lang: Lang, key: string): string => say(lang, key).split('{{')[0] ?? '';

const tom: FakeRecipient = { emailAddress: 'tom.baker@corp.example', displayName: 'Tom Baker' };
const bob: FakeRecipient = { emailAddress: 'bob.martin@acme.example', displayName: 'Bob Martin' };
const ann: FakeRecipient = { emailAddress: 'ann@corp.example', displayName: 'Ann Smith' };
const newcomer: FakeRecipient = { emailAddress: 'dana.fox@newco.example', displayName: 'Dana Fox' };
const pressList: FakeRecipient = { emailAddress: 'desk@press.example', displayName: 'Press desk' };

let dovecot: Dovecot;
let browser: Browser;
let companion: TrayCompanion;
let owner: BrowserContext;
let work: string;
let me: MethodOutput<'getMe'>;
/** The storage of a pane that has paired (its token in the pages' localStorage). */
let paired: Awaited<ReturnType<BrowserContext['storageState']>>;
const cspViolations: string[] = [];
const opened: BrowserContext[] = [];

/** The owner's own call to the API, as the companion's window makes it. */
async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', route: string, data?: unknown): Promise<T> {
  const response = await owner.request.fetch(`${companion.url}/api/v1/${route}`, {
    method,
    headers: { authorization: `Bearer ${companion.token}`, 'content-type': 'application/json' },
    ...(method === 'GET' ? {} : { data: data ?? {} }),
  });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: unknown };
  if (!body.ok) {
    throw new Error(`${method} ${route}: ${JSON.stringify(body.error)}`);
  }
  return body.value as T;
}

type PaneKind = 'compose' | 'read' | 'events';
type OpenOptions = {
  readonly lang?: Lang;
  readonly paired?: boolean;
  /** The companion does not answer: every API call of the page fails as a refused connection. */
  readonly companionDown?: boolean;
};

/** Opens one of the add-in's pages, served by the companion, as Outlook would, with a fresh fake of Office. */
async function openPane(
  kind: PaneKind,
  config: Partial<FakeOfficeConfig>,
  options: OpenOptions = {},
): Promise<Page> {
  const lang = options.lang ?? 'en';
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    locale: lang === 'ja' ? 'ja-JP' : 'en-US',
    viewport: { width: 360, height: 640 },
    ...(options.paired === false ? {} : { storageState: paired }),
  });
  opened.push(context);
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) => {
      (globalThis.cspViolations ??= []).push(e.violatedDirective + ' ' + e.blockedURI);
    });`,
  });
  await installFakeOffice(context, {
    mode: kind === 'read' ? 'read' : 'compose',
    supportedMinor: 14,
    displayLanguage: lang === 'ja' ? 'ja-JP' : 'en-US',
    user: tom,
    ...config,
  });
  if (options.companionDown === true) {
    await context.route('**/api/v1/**', (route) => route.abort('connectionrefused'));
  }
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) {
      cspViolations.push(`${kind}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => cspViolations.push(`${kind}: page error ${error.message}`));
  // Resolves after the load event: the classic scripts of the events page have associated their handlers.
  await page.goto(`${companion.url}/addin/${kind}.html`);
  return page;
}

async function pageCspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as { cspViolations?: string[] }).cspViolations ?? []);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  expect(await seriousAxeViolations(page), `axe-core on ${what}`).toEqual([]);
}

function bccOf(state: Awaited<ReturnType<typeof fakeState>>): string[] {
  return state.recipients.bcc.map((r) => r.emailAddress.toLowerCase());
}

/** Pairs a fresh pane through the UI, allowing the request as the window would; returns its storage. */
async function pairThroughPane(lang: Lang): Promise<{ page: Page; pairingId: string }> {
  const page = await openPane('compose', {}, { paired: false, lang });
  await page.getByRole('button', { name: say(lang, 'pair.start') }).click();
  const code = (await page.getByTestId('pair-code').textContent()) ?? '';
  expect(code).toMatch(/\S{4,}/);
  await page.getByText(say(lang, 'pair.waiting', { code })).waitFor();
  await expectAccessible(page, `the pairing panel waiting (${lang})`);
  await screenshot(page, `pair-waiting-${lang}`);
  const pending = await api<MethodOutput<'listPairings'>>('GET', 'pairings');
  const request = pending.requests.find((r) => r.code === code);
  expect(request?.profile).toBe(tom.emailAddress);
  const before = (await api<MethodOutput<'listPairings'>>('GET', 'pairings')).paired.map((p) => p.id);
  await api('POST', `pairings/${request?.id ?? ''}/allow`);
  await page.getByRole('switch', { name: say(lang, 'compose.switch') }).waitFor({ timeout: 15_000 });
  const after = await api<MethodOutput<'listPairings'>>('GET', 'pairings');
  const added = after.paired.find((p) => !before.includes(p.id));
  return { page, pairingId: added?.id ?? '' };
}

function eml(input: {
  readonly from: FakeRecipient;
  readonly to: FakeRecipient;
  readonly subject: string;
  readonly messageId: string;
  readonly date: string;
  readonly body: string;
}): string {
  return [
    `From: ${input.from.displayName} <${input.from.emailAddress}>`,
    `To: ${input.to.displayName} <${input.to.emailAddress}>`,
    `Subject: ${input.subject}`,
    `Date: ${new Date(input.date).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${input.messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    input.body,
    '',
  ].join('\r\n');
}

/** A received message as the read pane sees it: Outlook's fields, and its MIME for getAsFileAsync. */
function readMessage(input: Parameters<typeof eml>[0]): NonNullable<FakeOfficeConfig['read']> {
  return {
    from: input.from,
    to: [input.to],
    cc: [],
    subject: input.subject,
    internetMessageId: input.messageId,
    dateTimeCreated: input.date,
    mime: Buffer.from(eml(input), 'utf8').toString('base64'),
  };
}

const fromBob = readMessage({
  from: bob,
  to: tom,
  subject: 'Renewal quote for 2027',
  messageId: '<renewal-2027@acme.example>',
  date: '2026-11-30T09:15:00Z',
  body: 'Hi Tom,\r\n\r\nPlease find the renewal terms below.\r\n\r\nBob',
});
const fromAnn = readMessage({
  from: ann,
  to: tom,
  subject: 'Lunch on Friday?',
  messageId: '<lunch-friday@corp.example>',
  date: '2026-11-30T10:00:00Z',
  body: 'Shall we?\r\n\r\nAnn',
});
const fromPress = readMessage({
  from: pressList,
  to: tom,
  subject: 'Press release embargo',
  messageId: '<embargo-7@press.example>',
  date: '2026-11-30T11:00:00Z',
  body: 'Under embargo until Monday.',
});
const ownReply = readMessage({
  from: tom,
  to: bob,
  subject: 'Re: Osaka pilot dates',
  messageId: '<reply-osaka@corp.example>',
  date: '2026-11-30T12:00:00Z',
  body: [
    'Hi Bob, the 14th works for us.',
    '',
    'Tom',
    '',
    'On Mon, 30 Nov 2026 at 08:00, Bob Martin <bob.martin@acme.example> wrote:',
    '> Tom, can we start the Osaka pilot on the 14th?',
    '> Bob',
  ].join('\r\n'),
});
const toLogNow = readMessage({
  from: bob,
  to: tom,
  subject: 'Signed order form',
  messageId: '<order-form-88@acme.example>',
  date: '2026-11-30T13:00:00Z',
  body: 'Tom, the signed order form is attached in spirit.\r\n\r\nBob',
});

beforeAll(async () => {
  ensureAddinBuilt();
  fs.mkdirSync(artifacts, { recursive: true });
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-addin-'));
  const storeDir = path.join(work, 'store');
  dovecot = await startDovecot();
  const seeded = await runCli([
    'import-crm',
    path.join(repoRoot, 'samples', 'CRM.json'),
    '--store',
    storeDir,
  ]);
  expect(seeded.code, seeded.stderr).toBe(0);
  const configFile = path.join(work, 'config.json');
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      store: storeDir,
      mailbox: {
        host: dovecot.host,
        port: dovecot.imapPort,
        secure: false,
        tls: 'none',
        user: 'log',
        password: dovecot.password,
        onlyFor: tom.emailAddress,
      },
      backend: { kind: 'local' },
      ui: { port: await freePort() },
    }),
  );
  fs.chmodSync(configFile, 0o600);
  companion = await startTrayCompanion(configFile, storeDir);
  browser = await launchChromium();
  owner = await browser.newContext({ ignoreHTTPSErrors: true });
  me = await api<MethodOutput<'getMe'>>('GET', 'me');
});

afterAll(async () => {
  for (const context of opened) {
    await context.close().catch(() => undefined);
  }
  await browser?.close();
  await companion?.stop();
  await dovecot?.stop();
  if (work !== undefined) {
    fs.rmSync(work, { recursive: true, force: true });
  }
});

describe('pairing', () => {
  it('a pane that never paired says how to pair and does nothing else; the launch events complete at once', async () => {
    const page = await openPane('compose', { recipients: { to: [bob] } }, { paired: false });
    await page.getByRole('heading', { name: say('en', 'pair.title') }).waitFor();
    expect(await page.getByRole('switch').count()).toBe(0);
    expect((await fakeState(page)).calls.filter((c) => c.startsWith('bcc.'))).toEqual([]);
    await expectAccessible(page, 'the pairing panel');
    await screenshot(page, 'pair-unpaired-en');

    const events = await openPane('events', { recipients: { to: [bob] } }, { paired: false });
    for (const name of ['onNewMessageCompose', 'onMessageRecipientsChanged', 'onMessageSend']) {
      const fired = await fireLaunchEvent(events, name);
      expect(fired, name).toMatchObject({ times: 1, completion: { allowEvent: true } });
      expect(fired.ms, name).toBeLessThan(4500);
    }
    const state = await fakeState(events);
    expect(state.notifications.map((n) => n.message)).toEqual([say('en', 'events.unpaired')]);
    expect(bccOf(state)).toEqual([]);
  });

  it('the pane asks, shows the code the window lists, and after the user allows it keeps its own token', async () => {
    const { page } = await pairThroughPane('en');
    paired = await page.context().storageState();
    const token = paired.origins
      .flatMap((o) => o.localStorage)
      .find((entry) => entry.name === 'crm-mail-logger.pane-token');
    expect(token?.value).toMatch(/\S{16,}/);
    expect(token?.value).not.toBe(companion.token);
  });

  it('a revoked token makes the pane say so and offer to pair again (ja)', async () => {
    const { pairingId } = await pairThroughPane('ja');
    expect(pairingId).not.toBe('');
    const own = await pairThroughPane('en');
    const storage = await own.page.context().storageState();
    await api('DELETE', `pairings/${own.pairingId}`);
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      locale: 'ja-JP',
      storageState: storage,
      viewport: { width: 360, height: 640 },
    });
    opened.push(context);
    await installFakeOffice(context, {
      mode: 'compose',
      supportedMinor: 14,
      displayLanguage: 'ja-JP',
      user: tom,
    });
    const page = await context.newPage();
    await page.goto(`${companion.url}/addin/compose.html`);
    await page.getByText(say('ja', 'pair.revoked')).waitFor();
    await page.getByRole('button', { name: say('ja', 'pair.start') }).waitFor();
    expect(await pageLang(page)).toBe('ja');
    await screenshot(page, 'pair-revoked-ja');
  });
});

describe('compose', () => {
  it('A1: the switch puts the BCC address on, reads it back, and takes only it off again', async () => {
    const page = await openPane('compose', {
      recipients: { to: [bob], bcc: [{ emailAddress: 'assistant@corp.example', displayName: 'Assistant' }] },
    });
    const toggle = page.getByRole('switch', { name: say('en', 'compose.switch') });
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click();
    await page.getByTestId('switch-state').getByText(say('en', 'compose.on')).waitFor();
    let state = await fakeState(page);
    expect(bccOf(state)).toEqual(['assistant@corp.example', me.bccAddress]);
    expect(state.calls.lastIndexOf('bcc.getAsync')).toBeGreaterThan(state.calls.indexOf('bcc.addAsync'));
    expect(state.notifications.at(-1)?.message).toBe(say('en', 'compose.on'));
    expect(await toggle.isChecked()).toBe(true);
    await expectAccessible(page, 'the compose pane');
    await screenshot(page, 'compose-on-en');

    await toggle.click();
    await page.getByTestId('switch-state').getByText(say('en', 'compose.off')).waitFor();
    state = await fakeState(page);
    expect(bccOf(state)).toEqual(['assistant@corp.example']);
    expect(await toggle.isChecked()).toBe(false);
  });

  it('A1: an add that reports success and does nothing is caught by the read-back and set again', async () => {
    const page = await openPane('compose', { recipients: { to: [bob] }, knobs: { silentBccAdds: 1 } });
    await page.getByRole('switch', { name: say('en', 'compose.switch') }).click();
    await page.getByTestId('switch-state').getByText(say('en', 'compose.on')).waitFor();
    const state = await fakeState(page);
    expect(bccOf(state)).toEqual([me.bccAddress]);
    expect(state.calls).toContain('bcc.setAsync');
  });

  it('A1: when Outlook keeps failing, the pane says so, names the address, and the switch stays off', async () => {
    const page = await openPane('compose', {
      recipients: { to: [bob] },
      knobs: { silentBccAdds: 1, failures: { 'bcc.setAsync': 1 } },
    });
    const toggle = page.getByRole('switch', { name: say('en', 'compose.switch') });
    await toggle.click();
    const failure = page.getByText(lead('en', 'compose.failedOn')).first();
    await failure.waitFor();
    expect(await failure.textContent()).toContain(me.bccAddress);
    expect(bccOf(await fakeState(page))).toEqual([]);
    expect((await fakeState(page)).notifications.at(-1)?.type).toBe('errorMessage');
    expect(await toggle.isChecked()).toBe(false);
    await screenshot(page, 'compose-failed-en');
  });

  it('A1: an old token of the address is removed first, although setAsync ignores a change after "+"', async () => {
    const stale = me.bccAddress.replace(/\.[^.@]+@/, '.0ld1@');
    expect(stale).not.toBe(me.bccAddress);
    const page = await openPane('compose', {
      recipients: { to: [bob], bcc: [{ emailAddress: stale, displayName: stale }] },
      knobs: { ignorePlusAddressChange: true },
    });
    await page.getByRole('switch', { name: say('en', 'compose.switch') }).click();
    await page.getByTestId('switch-state').getByText(say('en', 'compose.on')).waitFor();
    expect(bccOf(await fakeState(page))).toEqual([me.bccAddress]);
  });

  it('A3: the preview names matched and created contacts, company, deals and who is left out and why; it follows the recipients', async () => {
    const page = await openPane('compose', {
      recipients: { to: [bob, newcomer], cc: [ann], bcc: [{ emailAddress: me.bccAddress, displayName: '' }] },
    });
    const preview = page.getByTestId('preview');
    await preview.getByText(lead('en', 'compose.previewLogged')).waitFor();
    expect(await page.getByRole('switch', { name: say('en', 'compose.switch') }).isChecked()).toBe(true);
    const matched = page.getByRole('group', { name: say('en', 'compose.matched') });
    expect(await matched.textContent()).toContain(bob.emailAddress);
    const created = page.getByRole('group', { name: say('en', 'compose.created') });
    expect(await created.textContent()).toContain(newcomer.emailAddress);
    const skipped = page.getByRole('group', { name: say('en', 'compose.skipped') });
    expect(await skipped.textContent()).toContain(
      `${ann.emailAddress} — ${say('en', 'reasons.internal-recipient')}`,
    );
    expect(await page.getByRole('group', { name: say('en', 'compose.company') }).textContent()).toContain(
      'Acme Corporation',
    );
    expect(await page.getByRole('group', { name: say('en', 'compose.deals') }).textContent()).toContain(
      'Acme: 2026 renewal',
    );
    await page.getByText(say('en', 'compose.noTracking')).waitFor();
    await screenshot(page, 'compose-preview-en');

    // Only a colleague left: nothing would be logged, and the preview says why.
    await setRecipientLine(page, 'to', [ann]);
    await setRecipientLine(page, 'cc', []);
    await preview.getByText(lead('en', 'compose.previewNotLogged')).waitFor();
    expect(await preview.textContent()).toContain(say('en', 'reasons.no-loggable-recipients'));
  });

  it('A3 in Japanese: the switch, the preview and the B9 note follow Office.context.displayLanguage', async () => {
    const page = await openPane(
      'compose',
      { recipients: { to: [bob] }, displayLanguage: 'ja-JP' },
      { lang: 'ja' },
    );
    const toggle = page.getByRole('switch', { name: say('ja', 'compose.switch') });
    await toggle.click();
    await page.getByTestId('switch-state').getByText(say('ja', 'compose.on')).waitFor();
    await page.getByTestId('preview').getByText(lead('ja', 'compose.previewLogged')).waitFor();
    await page.getByText(say('ja', 'compose.noTracking')).waitFor();
    expect(await pageLang(page)).toBe('ja');
    await expectAccessible(page, 'the compose pane in Japanese');
    await screenshot(page, 'compose-preview-ja');
  });
});

describe('launch events', () => {
  it('A2: OnNewMessageCompose applies the default on, verified on the Bcc line, on every path', async () => {
    await api('PUT', 'settings', { companion: { defaultLogOn: true } });
    try {
      const events = await openPane('events', { recipients: { to: [bob] } });
      const on = await fireLaunchEvent(events, 'onNewMessageCompose');
      expect(on).toMatchObject({ times: 1, completion: { allowEvent: true } });
      let state = await fakeState(events);
      expect(bccOf(state)).toEqual([me.bccAddress]);
      expect(state.notifications.at(-1)?.message).toBe(say('en', 'events.defaultOn'));

      // Silent no-op add: still on, because the handler reads back and sets the line.
      const silent = await openPane('events', { recipients: { to: [bob] }, knobs: { silentBccAdds: 1 } });
      expect(await fireLaunchEvent(silent, 'onNewMessageCompose')).toMatchObject({ times: 1 });
      expect(bccOf(await fakeState(silent))).toEqual([me.bccAddress]);

      // Outlook failing every call: completes, allowed, and says it could not.
      const failing = await openPane('events', {
        recipients: { to: [bob] },
        knobs: { failures: { 'bcc.getAsync': 5 } },
      });
      const broken = await fireLaunchEvent(failing, 'onNewMessageCompose');
      expect(broken).toMatchObject({ times: 1, completion: { allowEvent: true } });
      state = await fakeState(failing);
      expect(state.notifications.at(-1)?.type).toBe('errorMessage');

      // The companion down: completes at once, allowed, and the bar says it did not answer.
      const down = await openPane('events', { recipients: { to: [bob] } }, { companionDown: true });
      await down.evaluate(() =>
        (
          globalThis as unknown as { localStorage: { removeItem(key: string): void } }
        ).localStorage.removeItem('crm-mail-logger.me'),
      );
      const unreachable = await fireLaunchEvent(down, 'onNewMessageCompose');
      expect(unreachable).toMatchObject({ times: 1, completion: { allowEvent: true } });
      expect(unreachable.ms).toBeLessThan(4500);
      expect((await fakeState(down)).notifications.at(-1)?.message).toBe(say('en', 'events.unreachable'));
    } finally {
      await api('PUT', 'settings', { companion: { defaultLogOn: false } });
    }
  });

  it('OnMessageRecipientsChanged keeps the notification bar true to the Bcc line and to what would be logged', async () => {
    const mine: FakeRecipient = { emailAddress: me.bccAddress, displayName: me.bccAddress };
    const cases: Array<[string, Partial<Record<'to' | 'bcc', FakeRecipient[]>>, string]> = [
      ['off', { to: [bob] }, say('en', 'compose.off')],
      ['on, a contact', { to: [bob], bcc: [mine] }, say('en', 'compose.on')],
      [
        'on, only a colleague',
        { to: [ann], bcc: [mine] },
        say('en', 'compose.previewNotLogged', { reason: say('en', 'reasons.no-loggable-recipients') }),
      ],
    ];
    for (const [name, recipients, message] of cases) {
      const events = await openPane('events', { recipients });
      const fired = await fireLaunchEvent(events, 'onMessageRecipientsChanged');
      expect(fired, name).toMatchObject({ times: 1, completion: { allowEvent: true } });
      const state = await fakeState(events);
      expect(
        state.notifications.map((n) => n.message),
        name,
      ).toEqual([message.slice(0, 150)]);
      expect(state.calls, name).not.toContain('bcc.setAsync');
    }
  });

  it('A2: OnMessageSend warns in each disagreeing case and lets an agreeing message go', async () => {
    type Case = {
      readonly name: string;
      readonly wanted: 'on' | 'off' | null;
      readonly defaultOn: boolean;
      readonly bcc: FakeRecipient[];
      readonly to: FakeRecipient[];
      readonly expect: { allowEvent: boolean; errorMessage?: string };
    };
    const mine: FakeRecipient = { emailAddress: me.bccAddress, displayName: me.bccAddress };
    const cases: Case[] = [
      {
        name: 'on but the address is missing',
        wanted: 'on',
        defaultOn: false,
        bcc: [],
        to: [bob],
        expect: {
          allowEvent: false,
          errorMessage: say('en', 'events.sendOnMissing', { address: me.bccAddress }),
        },
      },
      {
        name: 'off but the address is there',
        wanted: 'off',
        defaultOn: false,
        bcc: [mine],
        to: [bob],
        expect: {
          allowEvent: false,
          errorMessage: say('en', 'events.sendOffPresent', { address: me.bccAddress }),
        },
      },
      {
        name: 'never touched, default on, the compose event lost',
        wanted: null,
        defaultOn: true,
        bcc: [],
        to: [bob],
        expect: {
          allowEvent: false,
          errorMessage: say('en', 'events.sendOnMissing', { address: me.bccAddress }),
        },
      },
      {
        name: 'on and there, but only colleagues: nothing logged',
        wanted: 'on',
        defaultOn: false,
        bcc: [mine],
        to: [ann],
        expect: {
          allowEvent: false,
          errorMessage: say('en', 'events.sendNothing', {
            reason: say('en', 'reasons.no-loggable-recipients'),
          }),
        },
      },
      {
        name: 'on and there',
        wanted: 'on',
        defaultOn: false,
        bcc: [mine],
        to: [bob],
        expect: { allowEvent: true },
      },
      {
        name: 'off and absent',
        wanted: 'off',
        defaultOn: true,
        bcc: [],
        to: [bob],
        expect: { allowEvent: true },
      },
    ];
    for (const c of cases) {
      await api('PUT', 'settings', { companion: { defaultLogOn: c.defaultOn } });
      const events = await openPane('events', { recipients: { to: c.to, bcc: c.bcc } });
      if (c.wanted !== null) {
        // What the compose pane recorded for this message when the user last touched the switch.
        await events.evaluate(
          (value) =>
            (
              globalThis as unknown as { __fakeOffice: { session: Map<string, string> } }
            ).__fakeOffice.session.set('crmMailLogger.log', value),
          c.wanted,
        );
      }
      const fired = await fireLaunchEvent(events, 'onMessageSend');
      expect(fired.times, c.name).toBe(1);
      expect(fired.completion, c.name).toEqual(c.expect);
      expect(fired.ms, c.name).toBeLessThan(4500);
    }
    await api('PUT', 'settings', { companion: { defaultLogOn: false } });
  });

  it('A2: with the companion down, OnMessageSend still compares the Bcc line, never blocks otherwise, and says so', async () => {
    const mine: FakeRecipient = { emailAddress: me.bccAddress, displayName: me.bccAddress };
    // The handler ran once while the companion answered: it keeps the user's addresses for this moment.
    const warm = await openPane('events', { recipients: { to: [bob], bcc: [mine] } });
    await fireLaunchEvent(warm, 'onMessageRecipientsChanged');
    const storage = await warm.context().storageState();
    expect(storage.origins.flatMap((o) => o.localStorage).map((e) => e.name)).toContain('crm-mail-logger.me');

    const context = await browser.newContext({ ignoreHTTPSErrors: true, storageState: storage });
    opened.push(context);
    for (const [wanted, bcc, expected] of [
      ['on', [mine], { allowEvent: true }],
      [
        'on',
        [],
        { allowEvent: false, errorMessage: say('en', 'events.sendOnMissing', { address: me.bccAddress }) },
      ],
    ] as const) {
      await context.unrouteAll();
      await installFakeOffice(context, {
        mode: 'compose',
        supportedMinor: 14,
        displayLanguage: 'en-US',
        user: tom,
        recipients: { to: [bob], bcc: [...bcc] },
      });
      await context.route('**/api/v1/**', (route) => route.abort('connectionrefused'));
      const page = await context.newPage();
      await page.goto(`${companion.url}/addin/events.html`);
      await page.evaluate(
        (value) =>
          (
            globalThis as unknown as { __fakeOffice: { session: Map<string, string> } }
          ).__fakeOffice.session.set('crmMailLogger.log', value),
        wanted,
      );
      const fired = await fireLaunchEvent(page, 'onMessageSend');
      expect(fired.times).toBe(1);
      expect(fired.completion).toEqual(expected);
      expect(fired.ms).toBeLessThan(4500);
      if (expected.allowEvent) {
        expect((await fakeState(page)).notifications.at(-1)?.message).toBe(say('en', 'events.unreachable'));
      }
      await page.close();
    }
  });
});

describe('read', () => {
  async function flagOf(page: Page): Promise<string> {
    const flag = page.getByTestId('forward-flag');
    await expect.poll(async () => (await flag.textContent())?.trim() ?? '').not.toBe('');
    await flag.getByRole('progressbar').waitFor({ state: 'detached' });
    return (await flag.textContent()) ?? '';
  }

  it('A4: a message from a contact: forwarding it will log it (en and ja)', async () => {
    const page = await openPane('read', { read: fromBob });
    expect(await flagOf(page)).toBe(say('en', 'read.loggable'));
    await expectAccessible(page, 'the read pane');
    await screenshot(page, 'read-loggable-en');
    const ja = await openPane('read', { read: fromBob, displayLanguage: 'ja-JP' }, { lang: 'ja' });
    expect(await flagOf(ja)).toBe(say('ja', 'read.loggable'));
    await expectAccessible(ja, 'the read pane in Japanese');
    await screenshot(ja, 'read-loggable-ja');
  });

  it("A4: a colleague's message and a never-log sender say why they would not be logged", async () => {
    const colleague = await openPane('read', { read: fromAnn });
    const colleagueFlag = await flagOf(colleague);
    expect(colleagueFlag).toContain(lead('en', 'read.notLoggable'));
    await screenshot(colleague, 'read-colleague-en');
    const press = await openPane('read', { read: fromPress });
    const pressFlag = await flagOf(press);
    expect(pressFlag).toContain(lead('en', 'read.notLoggable'));
    expect(pressFlag).toMatch(new RegExp(escape(say('en', 'reasons.original-sender-never-log'))));
    await screenshot(press, 'read-never-log-en');
    expect(colleagueFlag).not.toBe(pressFlag);
  });

  it('F8: for an own reply, the pane names the quoted message that would be logged', async () => {
    const page = await openPane('read', { read: ownReply });
    const flag = await flagOf(page);
    expect(flag).toContain(lead('en', 'read.loggableQuoted'));
    expect(flag).toContain(bob.emailAddress);
    await screenshot(page, 'read-own-reply-en');
  });

  it('A5: Log now sends the MIME, shows the result, the window lists it, and the message then says it is logged', async () => {
    const page = await openPane('read', { read: toLogNow });
    expect(await flagOf(page)).toBe(say('en', 'read.loggable'));
    await page.getByRole('button', { name: say('en', 'read.logNow') }).click();
    const result = page.getByTestId('log-now-result');
    await result.getByText(lead('en', 'read.result.logged')).waitFor({ timeout: 30_000 });
    expect(await result.textContent()).toContain(toLogNow.subject);
    expect((await fakeState(page)).calls).toContain('getAsFileAsync');
    await expect.poll(() => flagOf(page)).toContain(lead('en', 'read.alreadyLogged'));
    await screenshot(page, 'read-log-now-en');

    const listed = await api<MethodOutput<'listResults'>>('GET', 'results');
    const entry = listed.items.find((item) => item.messageId === toLogNow.internetMessageId);
    expect(entry?.route).toBe('log-now');
    expect(entry?.status).toBe('logged');
    expect(entry?.owner).toBe(tom.emailAddress);

    // Opened again later: already logged, and Log now is not offered twice.
    const again = await openPane('read', { read: toLogNow });
    expect(await flagOf(again)).toContain(lead('en', 'read.alreadyLogged'));
    expect(await again.getByRole('button', { name: say('en', 'read.logNow') }).isDisabled()).toBe(true);
  });

  it('A5: an Outlook without Mailbox 1.14 (no getAsFileAsync) says so, names the forwarding address, flags from headers', async () => {
    const page = await openPane('read', { read: fromBob, supportedMinor: 13 });
    expect(await flagOf(page)).toBe(say('en', 'read.loggable'));
    await page.getByText(say('en', 'read.noMime', { address: me.forwardingAddress })).waitFor();
    expect(await page.getByRole('button', { name: say('en', 'read.logNow') }).count()).toBe(0);
    expect((await fakeState(page)).calls).not.toContain('getAsFileAsync');
    await screenshot(page, 'read-mailbox-1.13-en');
  });
});

describe('the pages', () => {
  it('raise no Content Security Policy violation and no page error', async () => {
    const inPages: string[] = [];
    for (const context of opened) {
      for (const page of context.pages()) {
        inPages.push(...(await pageCspViolations(page).catch(() => [])));
      }
    }
    expect([...cspViolations, ...inPages]).toEqual([]);
  });
});

/** The page's `<html lang>`, which the panes set from Office.context.displayLanguage. */
function pageLang(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement
        .lang,
  );
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
