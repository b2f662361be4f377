import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import type { BrowserContext, Page } from 'playwright-core';
import type {
  Completion,
  FakeField,
  FakeNotification,
  FakeOffice,
  FakeOfficeConfig,
  FakeRecipient,
} from '../../../support/fake-office/fake-office.js';

/** Microsoft's documented Office.js URL, which the pages load (docs/addin.md "Office.js"). */
export const microsoftOfficeJsUrl = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** The companion's own copy ("Office.js source: companion"), wherever the pages are served. */
export const companionOfficeJsPattern = '**/addin/office-js/office.js';

let bundle: Promise<string> | null = null;

/** The fake, bundled once per test file into one classic script (like office.js itself). */
function fakeOfficeScript(): Promise<string> {
  bundle ??= build({
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    build: {
      write: false,
      minify: false,
      emptyOutDir: false,
      lib: {
        entry: path.join(path.dirname(fileURLToPath(import.meta.url)), 'browser-entry.ts'),
        formats: ['iife'],
        name: 'fakeOffice',
      },
    },
  }).then((out) => {
    const first = (Array.isArray(out) ? out[0] : out) as Rolldown.RolldownOutput;
    const chunk = first.output.find((o) => o.type === 'chunk');
    if (chunk === undefined || chunk.type !== 'chunk') {
      throw new Error('the fake Office.js bundle is empty');
    }
    return chunk.code;
  });
  return bundle;
}

/**
 * Answers the pages' request for Office.js (Microsoft's URL, and the companion's copy) with the fake, built from
 * `config`. Every page of `target` opened afterwards gets its own fresh fake, as Outlook gives each pane its own.
 */
export async function installFakeOffice(
  target: BrowserContext | Page,
  config: FakeOfficeConfig,
): Promise<void> {
  const script = `globalThis.__fakeOfficeConfig = ${JSON.stringify(config)};\n${await fakeOfficeScript()}`;
  for (const url of [microsoftOfficeJsUrl, companionOfficeJsPattern]) {
    await target.route(url, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/javascript; charset=utf-8',
        headers: { 'access-control-allow-origin': '*' },
        body: script,
      }),
    );
  }
}

type PageFake = { __fakeOffice: FakeOffice };

/** What the fake holds now in `page`: the recipient lines, the notification bar, the calls made. */
export function fakeState(page: Page): Promise<{
  recipients: Record<FakeField, FakeRecipient[]>;
  notifications: FakeNotification[];
  calls: string[];
}> {
  return page.evaluate(() => {
    const fake = (globalThis as unknown as PageFake).__fakeOffice;
    return { recipients: fake.recipients, notifications: fake.notifications, calls: fake.calls };
  });
}

/** Runs a launch event's associated function in `page` (the events page) as Outlook would. */
export function fireLaunchEvent(
  page: Page,
  name: string,
): Promise<{ completion: Completion; times: number; ms: number }> {
  return page.evaluate(async (event) => {
    const started = performance.now();
    const fired = await (globalThis as unknown as PageFake).__fakeOffice.fire(event);
    return { ...fired, ms: performance.now() - started - 50 };
  }, name);
}

/** Changes a recipient line as the user would (fires RecipientsChanged to the pane). */
export function setRecipientLine(page: Page, field: FakeField, list: FakeRecipient[]): Promise<void> {
  return page.evaluate(([f, l]) => (globalThis as unknown as PageFake).__fakeOffice.setLine(f, l), [
    field,
    list,
  ] as const);
}
