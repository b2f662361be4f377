/**
 * The tray window in real headless Chromium against the real headless companion on loopback (docs/rules.md C2,
 * C3, C6; docs/api.md): Dovecot delivers over LMTP, `crm-mail-logger serve --config` logs and syncs to the
 * HubSpot emulator, and the window the companion serves shows it all without a reload. Screenshots of each view,
 * in en and ja, go to test/artifacts/tray-window/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultDetail } from '#shared/api/companion-schemas.js';
import type { LogResult } from '#shared/model/log-result.js';
import {
  startHubSpotEmulator,
  type HubSpotEmulator,
} from '../support/hubspot-emulator/start-hubspot-emulator.js';
import { seriousAxeViolations } from './support/axe-scan.js';
import { ensureRendererBuilt } from './support/build-renderer.js';
import { launchChromium } from './support/chromium.js';
import { deliverLmtp, startDovecot, type Dovecot } from './support/dovecot.js';
import { envelopeOf, readSample } from './support/dovecot-intake-fixture.js';
import { repoRoot, runCli } from './support/run-cli.js';
import { startTrayCompanion, type TrayCompanion } from './support/tray-companion.js';
import { freePort } from './support/free-port.js';

const artifacts = path.join(repoRoot, 'test', 'artifacts', 'tray-window');
const words = {
  en: JSON.parse(fs.readFileSync(path.join(repoRoot, 'renderer/i18n/en.json'), 'utf8')) as Strings,
  ja: JSON.parse(fs.readFileSync(path.join(repoRoot, 'renderer/i18n/ja.json'), 'utf8')) as Strings,
};
type Strings = Record<string, Record<string, string>>;
const say = (lang: 'en' | 'ja', key: string): string => {
  const [group = '', name = ''] = key.split(/\.(.*)/s);
  const text = words[lang][group]?.[name];
  if (text === undefined) {
    throw new Error(`no ${lang} string ${key}`);
  }
  return text;
};

let dovecot: Dovecot;
let hubspot: HubSpotEmulator;
let browser: Browser;
let companion: TrayCompanion;
let context: BrowserContext;
let page: Page;
let work: string;
let storeDir: string;
let configFile: string;
const cspViolations: string[] = [];

function expected(sample: string): LogResult {
  return JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'samples', 'expected', `${sample}.json`), 'utf8'),
  ) as LogResult;
}

async function deliver(sample: string): Promise<void> {
  const raw = readSample(`${sample}.eml`);
  await deliverLmtp(dovecot.lmtpPort, { ...envelopeOf(raw), raw });
}

async function screenshot(target: Page, name: string): Promise<void> {
  await target.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

/** The owner's own call to the API (as a script would make it), to compare the window against. */
async function api<T>(method: 'GET' | 'POST', route: string): Promise<T> {
  const response = await context.request.fetch(`${companion.url}/api/v1/${route}`, {
    method,
    headers: { authorization: `Bearer ${companion.token}`, 'content-type': 'application/json' },
    ...(method === 'POST' ? { data: {} } : {}),
  });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: unknown };
  if (!body.ok) {
    throw new Error(`${method} ${route}: ${JSON.stringify(body.error)}`);
  }
  return body.value as T;
}

async function newWindow(
  locale: string,
  signInUrl: string | null,
  state?: BrowserContext,
): Promise<[BrowserContext, Page]> {
  const created = await browser.newContext({
    ignoreHTTPSErrors: true,
    locale,
    viewport: { width: 1100, height: 760 },
    ...(state ? { storageState: await state.storageState() } : {}),
  });
  // Counted in the page itself: a violation of the served CSP is a bug in the bundle or in the policy.
  await created.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) => {
      (globalThis.cspViolations ??= []).push(e.violatedDirective + ' ' + e.blockedURI);
    });`,
  });
  const opened = await created.newPage();
  opened.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) {
      cspViolations.push(message.text());
    }
  });
  await opened.goto(signInUrl ?? `${companion.url}/`);
  return [created, opened];
}

function row(target: Page, subject: string) {
  return target.locator('[role="option"]', {
    has: target.locator('[data-part="subject"]', { hasText: subject }),
  });
}

async function expectAccessible(target: Page, view: string): Promise<void> {
  const violations = await seriousAxeViolations(target);
  expect(violations, `axe-core on the ${view} view`).toEqual([]);
}

async function openView(target: Page, lang: 'en' | 'ja', view: string): Promise<void> {
  await target.getByRole('tab', { name: say(lang, `view.${view}`) }).click();
  await target.locator(`main[data-view="${view}"]`).waitFor();
}

beforeAll(async () => {
  ensureRendererBuilt();
  fs.mkdirSync(artifacts, { recursive: true });
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-window-'));
  storeDir = path.join(work, 'store');
  dovecot = await startDovecot();
  hubspot = await startHubSpotEmulator();
  const seeded = await runCli([
    'import-crm',
    path.join(repoRoot, 'samples', 'CRM.json'),
    '--store',
    storeDir,
  ]);
  expect(seeded.code, seeded.stderr).toBe(0);
  configFile = path.join(work, 'config.json');
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
      },
      backend: { kind: 'hubspot', baseUrl: hubspot.url },
      ui: { port: await freePort() },
    }),
  );
  fs.chmodSync(configFile, 0o600);
  companion = await startTrayCompanion(configFile, storeDir, {
    CRM_MAIL_LOGGER_HUBSPOT_TOKEN: hubspot.token,
  });
  browser = await launchChromium();
  [context, page] = await newWindow('en-US', companion.signInUrl);
});

afterAll(async () => {
  await browser?.close();
  await companion?.stop();
  await hubspot?.stop();
  await dovecot?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('the tray window', () => {
  it('C2: signs in from the printed link, drops the code from the address, and serves under a strict CSP', async () => {
    expect(page.url()).toBe(`${companion.url}/`);
    const response = await context.request.get(`${companion.url}/`);
    const csp = response.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    await page.getByRole('heading', { name: say('en', 'app.title') }).waitFor();
  });

  it('C2: with no results yet, explains the BCC and forwarding addresses and points to the setup (en and ja)', async () => {
    const empty = page.locator('[data-view="empty"]');
    await empty.waitFor();
    await expect.poll(() => empty.textContent()).toContain('log+bcc@corp.example');
    expect(await empty.textContent()).toContain('log+fwd@corp.example');
    await expectAccessible(page, 'empty');
    await screenshot(page, 'empty-en');
    const [jaContext, jaPage] = await newWindow('ja-JP', null, context);
    await jaPage.locator('[data-view="empty"]').getByText(say('ja', 'empty.title')).waitFor();
    await screenshot(jaPage, 'empty-ja');
    await jaContext.close();
  });

  it('C2: a mail delivered over LMTP appears in the open window without a reload, with subject, counterpart and reason in words', async () => {
    await page.evaluate(() => ((globalThis as unknown as { sameDocument: boolean }).sameDocument = true));
    const logged = expected('01-bcc-existing-contact');
    const rejected = expected('06-bcc-token-mismatch');
    await deliver('01-bcc-existing-contact');
    await deliver('06-bcc-token-mismatch');

    const loggedRow = row(page, logged.email?.subject ?? '');
    await loggedRow.waitFor({ timeout: 30_000 });
    expect(await loggedRow.locator('[data-part="counterpart"]').textContent()).toBe(
      [...(logged.email?.to ?? []), ...(logged.email?.cc ?? [])].join(', '),
    );
    expect(await loggedRow.locator('[data-part="owner"]').textContent()).toBe(logged.owner);

    const rejectedRow = row(page, rejected.email?.subject ?? '');
    await rejectedRow.waitFor({ timeout: 30_000 });
    expect(rejected.status).toBe('rejected');
    const firstReason = rejected.reasons[0] ?? '';
    expect(await rejectedRow.locator('[data-part="reason"]').textContent()).toContain(
      say('en', `reason.${firstReason}`),
    );
    expect(await rejectedRow.getByRole('img', { name: say('en', 'status.rejected') }).count()).toBe(1);

    // Newest first, in the same document, and announced to screen readers.
    const subjects = await page.locator('[data-part="subject"]').allTextContents();
    expect(subjects.indexOf(rejected.email?.subject ?? '')).toBeLessThan(
      subjects.indexOf(logged.email?.subject ?? ''),
    );
    expect(
      await page.evaluate(() => (globalThis as unknown as { sameDocument?: boolean }).sameDocument),
    ).toBe(true);
    expect(await page.locator('[data-part="announcer"]').textContent()).toContain('New result:');
    await expectAccessible(page, 'results');
    await screenshot(page, 'list-en');
  });

  it('C2: the detail shows what the companion logged: contacts, company, deals and reason codes', async () => {
    const logged = expected('01-bcc-existing-contact');
    await row(page, logged.email?.subject ?? '').click();
    const detail = page.locator('section[aria-labelledby="detail-heading"]');
    await detail.waitFor();
    const id = Number(
      await page.locator('[role="option"][aria-selected="true"]').getAttribute('data-result-id'),
    );
    const truth = await api<ResultDetail>('GET', `results/${id}`);
    const text = (await detail.textContent()) ?? '';
    for (const contact of truth.contacts) {
      expect(text).toContain(contact.email);
    }
    for (const company of truth.labels.companies) {
      expect(text).toContain(company.name);
    }
    for (const deal of truth.labels.deals.filter((d) => truth.deals.includes(d.id))) {
      expect(text).toContain(deal.name);
    }
    expect(truth.contacts.map((c) => c.email)).toEqual(logged.contacts.map((c) => c.email));
    expect(await page.locator('#detail-heading').evaluate((h) => h === h.ownerDocument.activeElement)).toBe(
      true,
    );
    await expectAccessible(page, 'detail');
    await screenshot(page, 'detail-en');

    const rejected = expected('06-bcc-token-mismatch');
    await row(page, rejected.email?.subject ?? '').click();
    await expect.poll(() => detail.textContent()).toContain(`(${rejected.reasons[0] ?? ''})`);
    await page.getByRole('button', { name: say('en', 'detail.close') }).click();
  });

  it('C3, C6: a sync HubSpot refused (400) shows as failed and is retried from the detail', async () => {
    const sample = expected('02-bcc-new-recipient');
    // Only the create is refused: the search that follows a refused batch still answers (docs/hubspot.md).
    hubspot.inject({
      kind: 'validation-error',
      count: 10_000,
      match: /\/crm\/v3\/objects\/emails\/batch\/create/,
    });
    await deliver('02-bcc-new-recipient');
    const failedRow = row(page, sample.email?.subject ?? '');
    await failedRow.waitFor({ timeout: 30_000 });
    // A refusal is not retried by the outbox on its own (C3): the row fails at once and waits for the user.
    await failedRow.getByText(say('en', 'sync.failed')).waitFor({ timeout: 60_000 });
    await screenshot(page, 'error-sync-failed-en');
    hubspot.clearFaults();
    await failedRow.click();
    await page.getByRole('button', { name: say('en', 'detail.retry') }).click();
    await failedRow
      .getByText(say('en', 'sync.synced'))
      .waitFor({ timeout: 60_000 })
      .catch(async (e: unknown) => {
        const state = await api<unknown>('GET', 'results');
        const tail = companion.output().slice(-1500);
        throw new Error(`${String(e)}\nresults: ${JSON.stringify(state).slice(0, 1500)}\ncompanion: ${tail}`);
      });
  });

  it('C3: a sync HubSpot answered 500 waits as pending and goes through on its own, without the user', async () => {
    const sample = expected('03-bcc-mixed-recipients');
    const creates = /\/crm\/v3\/objects\/emails\/batch\/create/;
    const refusedBefore = hubspot.counts.byStatus[500] ?? 0;
    hubspot.inject({ kind: 'server-error', status: 500, count: 2, match: creates });
    await deliver('03-bcc-mixed-recipients');
    const pendingRow = row(page, sample.email?.subject ?? '');
    await pendingRow.waitFor({ timeout: 30_000 });
    // A 5xx is retried by the outbox with backoff (C3); the row never shows "failed" on the way.
    await expect.poll(() => hubspot.counts.byStatus[500] ?? 0, { timeout: 30_000 }).toBe(refusedBefore + 2);
    expect(await pendingRow.getByText(say('en', 'sync.failed')).count()).toBe(0);
    await pendingRow.getByText(say('en', 'sync.synced')).waitFor({ timeout: 60_000 });
  });

  it('C2: every other view passes axe-core: chart with its table, import, settings, never-log, setup', async () => {
    for (const view of ['chart', 'import', 'settings', 'neverLog', 'setup']) {
      await openView(page, 'en', view);
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, view);
      await screenshot(page, `${view}-en`);
    }
    await openView(page, 'en', 'chart');
    const table = page.locator('main[data-view="chart"] table');
    await table.waitFor();
    // 14 days, and the text alternative counts what the list shows today.
    expect(await table.locator('tbody tr').count()).toBe(14);
  });

  it('C2, C6: settings and never-log edits persist across a restart of the companion', async () => {
    await openView(page, 'en', 'settings');
    const dmarc = page.getByRole('switch', { name: say('en', 'settings.requireDmarc') });
    const before = await dmarc.isChecked();
    await dmarc.click();
    await page.getByRole('button', { name: say('en', 'settings.save') }).click();
    await page.getByText(say('en', 'settings.saved')).first().waitFor();

    await openView(page, 'en', 'neverLog');
    const entry = page.getByRole('textbox', { name: say('en', 'neverLog.entry') });
    await entry.fill('not an entry');
    await page.getByRole('button', { name: say('en', 'neverLog.add'), exact: true }).click();
    await page.getByText(say('en', 'neverLog.invalid')).waitFor();
    await entry.fill('rival-window.example');
    await page.getByRole('button', { name: say('en', 'neverLog.add'), exact: true }).click();
    await page.getByRole('button', { name: 'Remove rival-window.example' }).waitFor();

    expect(await companion.stop()).toBe(0);
    companion = await startTrayCompanion(configFile, storeDir, {
      CRM_MAIL_LOGGER_HUBSPOT_TOKEN: hubspot.token,
    });
    // The new link differs from the open page only in its fragment: the window signs in with it and reloads.
    await Promise.all([page.waitForEvent('load'), page.goto(companion.signInUrl)]);
    await openView(page, 'en', 'settings');
    const after = page.getByRole('switch', { name: say('en', 'settings.requireDmarc') });
    await expect.poll(() => after.isChecked()).toBe(!before);
    await openView(page, 'en', 'neverLog');
    await page.getByRole('button', { name: 'Remove rival-window.example' }).waitFor();
    const lists = await api<{ account: string[] }>('GET', 'never-log');
    expect(lists.account).toContain('rival-window.example');
  });

  it('C2: shows the ja strings under a ja locale, the reason in Japanese words', async () => {
    const [jaContext, jaPage] = await newWindow('ja-JP', null, context);
    await jaPage.getByRole('heading', { name: say('ja', 'app.title') }).waitFor();
    expect(await jaPage.locator('html').getAttribute('lang')).toBe('ja');
    const rejected = expected('06-bcc-token-mismatch');
    const rejectedRow = row(jaPage, rejected.email?.subject ?? '');
    await rejectedRow.waitFor();
    expect(await rejectedRow.locator('[data-part="reason"]').textContent()).toContain(
      say('ja', `reason.${rejected.reasons[0] ?? ''}`),
    );
    await screenshot(jaPage, 'list-ja');
    await rejectedRow.click();
    await jaPage.locator('#detail-heading').waitFor();
    await jaPage.getByText(say('ja', 'detail.reasons')).waitFor();
    await expectAccessible(jaPage, 'detail (ja)');
    await screenshot(jaPage, 'detail-ja');
    await openView(jaPage, 'ja', 'setup');
    await jaPage.getByText(say('ja', 'setup.title')).first().waitFor();
    await screenshot(jaPage, 'setup-ja');
    await jaContext.close();
  });

  it('C2: when the companion stops, an offline banner with retry shows over the last list; a stale session asks to sign in', async () => {
    await openView(page, 'en', 'results');
    const logged = expected('01-bcc-existing-contact');
    await row(page, logged.email?.subject ?? '').waitFor();
    const [jaContext, jaPage] = await newWindow('ja-JP', null, context);
    await row(jaPage, logged.email?.subject ?? '').waitFor();
    expect(await companion.stop()).toBe(0);

    await page.locator('[data-view="offline"]').waitFor({ timeout: 30_000 });
    expect(await row(page, logged.email?.subject ?? '').count()).toBe(1);
    await expectAccessible(page, 'offline');
    await screenshot(page, 'offline-en');
    await jaPage
      .locator('[data-view="offline"]')
      .getByText(say('ja', 'offline.title'))
      .waitFor({ timeout: 30_000 });
    await screenshot(jaPage, 'offline-ja');
    await jaContext.close();

    // Sessions live in the companion's memory: after its restart the old cookie is refused.
    companion = await startTrayCompanion(configFile, storeDir, {
      CRM_MAIL_LOGGER_HUBSPOT_TOKEN: hubspot.token,
    });
    await page.getByRole('button', { name: say('en', 'offline.retry') }).click();
    await page.locator('[data-view="signin"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-view="signin"]').textContent()).toContain('crm-mail-logger open');
    await expectAccessible(page, 'sign-in');
    await screenshot(page, 'signin-en');
  });

  it('C2: the window raised no Content Security Policy violation', async () => {
    const reported = await page.evaluate(
      () => (globalThis as unknown as { cspViolations?: string[] }).cspViolations ?? [],
    );
    expect([...cspViolations, ...reported]).toEqual([]);
  });
});
