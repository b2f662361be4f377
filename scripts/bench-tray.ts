/**
 * The tray window's figures of `npm run bench` (docs/performance.md "The tray window"), each against a real
 * headless companion (`serve --config`) on loopback:
 * - `GET results` (the window's first page of 50, and a search) with 100,000 results in the store: median, p95;
 * - LMTP delivery to Dovecot → the row shown in an open window in headless Chromium: median, p95;
 * - the window's first render with 10,000 results: navigation to the first row painted, and rows in the DOM;
 * - the idle companion (IMAP IDLE, nothing arriving): RSS and CPU over a minute.
 * Run alone with `npx tsx scripts/bench-tray.ts` (BENCH_QUICK=1: smaller sizes, figures indicative only).
 */
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openLocalStore } from '../electron/crm/local/open-local-store.js';
import type { Decision } from '#shared/model/decision.js';
import { launchChromium } from '../test/integration/support/chromium.js';
import { deliverLmtp, startDovecot, type Dovecot } from '../test/integration/support/dovecot.js';
import { startTrayCompanion, type TrayCompanion } from '../test/integration/support/tray-companion.js';
import { fmt, median, percentile } from './bench/stats.js';
import { freePort } from '../test/integration/support/free-port.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type TrayFigures = {
  readonly fill: { readonly results: number; readonly seconds: number };
  readonly firstPage: { readonly median: number; readonly p95: number; readonly n: number };
  readonly search: { readonly median: number; readonly p95: number; readonly n: number };
  readonly lmtpToWindow: { readonly median: number; readonly p95: number; readonly n: number };
  readonly firstRender: { readonly results: number; readonly ms: number; readonly domRows: number };
  readonly idle: { readonly seconds: number; readonly rssMiB: number; readonly cpuPercent: number };
};

const contacts = ['bob.martin@acme.example', 'pat.lee@acme.example', 'maria.garcia@initech.example'];

/** Result `i` of a synthetic journal: 70% logged to a contact, 20% rejected, 10% skipped, subjects all distinct. */
function decisionNumber(i: number): Decision {
  const messageId = `<bench-${i}@corp.example>`;
  const email = {
    direction: 'outgoing' as const,
    from: 'ann@corp.example',
    fromName: 'Ann Smith',
    to: [contacts[i % contacts.length] ?? ''],
    cc: [],
    subject: `Quarterly review ${i} for account ${i % 977}`,
    date: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    source: 'message' as const,
    parts: ['text' as const],
    text: `Hello, about item ${i}.`,
    html: null,
    messageId,
  };
  const base = {
    route: 'bcc' as const,
    owner: 'ann@corp.example',
    ownerId: 1,
    email,
    skippedRecipients: [],
    companies: [],
    deals: [],
    attachments: { logged: [], dropped: [] },
    notices: [],
    identity: { messageId, contentKey: `ck1:bench-${i}` },
  };
  if (i % 10 < 7) {
    return {
      ...base,
      status: 'logged',
      reasons: [],
      contacts: [{ email: email.to[0] ?? '', created: false, role: 'to', name: 'Contact', company: null }],
    };
  }
  return i % 10 < 9
    ? { ...base, status: 'rejected', reasons: ['token-mismatch'], owner: null, ownerId: null, contacts: [] }
    : { ...base, status: 'skipped', reasons: ['no-loggable-recipients'], contacts: [] };
}

/** A store holding the sample CRM and `count` results spread over the last 30 days. */
function fillStore(dir: string, count: number): number {
  const started = Date.now();
  const spanMs = 30 * 86_400_000;
  let i = 0;
  const store = openLocalStore(dir, {
    now: () => new Date(started - spanMs + (i * spanMs) / Math.max(1, count)),
  });
  store.importCrm(JSON.parse(fs.readFileSync(path.join(root, 'samples', 'CRM.json'), 'utf8')) as never);
  for (; i < count; i++) {
    store.commit({ decision: decisionNumber(i), rawSha256: null, receivedAt: new Date().toISOString() });
  }
  store.close();
  return (Date.now() - started) / 1000;
}

async function serve(work: string, store: string, mailbox?: Dovecot): Promise<TrayCompanion> {
  const config = path.join(work, `config-${path.basename(store)}.json`);
  fs.writeFileSync(
    config,
    JSON.stringify({
      store,
      backend: { kind: 'local' },
      ui: { port: await freePort() },
      ...(mailbox
        ? {
            mailbox: {
              host: mailbox.host,
              port: mailbox.imapPort,
              secure: false,
              tls: 'none',
              user: 'log',
              password: mailbox.password,
            },
          }
        : {}),
    }),
    { mode: 0o600 },
  );
  return startTrayCompanion(config, store);
}

/** Milliseconds of each of `n` sequential GETs of `route`, over one keep-alive HTTPS connection. */
async function timeGets(
  companion: TrayCompanion,
  store: string,
  route: string,
  n: number,
): Promise<number[]> {
  const agent = new https.Agent({ keepAlive: true, ca: fs.readFileSync(path.join(store, 'tls', 'ca.crt')) });
  const url = new URL(`/api/v1/${route}`, companion.url);
  const one = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const t = performance.now();
      const req = https.get(
        url,
        { agent, headers: { authorization: `Bearer ${companion.token}` } },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => {
            const ok = (JSON.parse(body) as { ok?: boolean }).ok === true;
            return ok
              ? resolve(performance.now() - t)
              : reject(new Error(`GET ${route}: ${body.slice(0, 200)}`));
          });
        },
      );
      req.on('error', reject);
    });
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    times.push(await one());
  }
  agent.destroy();
  return times.slice(Math.min(5, Math.floor(n / 10))); // the first few warm the connection and SQLite's cache
}

const summary = (xs: number[]) => ({ median: median(xs), p95: percentile(xs, 95), n: xs.length });

/** Counts the rows the window shows by subject, with the time each first appeared (set before the page loads). */
const observeRows = `
  window.__rowsSeen = new Map();
  new MutationObserver(() => {
    for (const el of document.querySelectorAll('[data-part="subject"]')) {
      const s = el.textContent ?? '';
      if (!window.__rowsSeen.has(s)) window.__rowsSeen.set(s, Date.now());
    }
    if (window.__firstRow === undefined && document.querySelector('[role="option"]')) {
      window.__firstRow = performance.now();
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
`;

function lmtpMessage(i: number, runId: string): { subject: string; raw: string } {
  const subject = `Bench delivery ${runId}-${i}`;
  const raw = [
    'From: Ann Smith <ann@corp.example>',
    'To: Bob Martin <bob.martin@acme.example>',
    'Bcc: log+bcc@corp.example',
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <lmtp-${runId}-${i}@corp.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Hello Bob, delivery ${i}.`,
    '',
  ].join('\r\n');
  return { subject, raw };
}

/** Seconds of CPU (user + system) a process has used, from /proc (clock ticks of 100 Hz on Linux). */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMiB(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(line?.[1] ?? 0) / 1024;
}

export async function runTrayBench(options: { readonly quick: boolean }): Promise<TrayFigures> {
  const { quick } = options;
  const sizes = quick
    ? { journal: 10_000, render: 2_000, gets: 60, deliveries: 8, idleSeconds: 15 }
    : { journal: 100_000, render: 10_000, gets: 300, deliveries: 30, idleSeconds: 60 };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-bench-tray-'));
  const big = path.join(work, 'journal');
  const fillSeconds = fillStore(big, sizes.journal);
  const renderStore = path.join(work, 'render');
  fillStore(renderStore, sizes.render);
  const liveStore = path.join(work, 'live');
  fillStore(liveStore, 0);

  const browser = await launchChromium();
  const dovecot = await startDovecot();
  const running: TrayCompanion[] = [];
  try {
    // GET results with the big journal.
    const journal = await serve(work, big);
    running.push(journal);
    const firstPage = summary(await timeGets(journal, big, 'results?limit=50', sizes.gets));
    const search = summary(await timeGets(journal, big, 'results?limit=50&q=account%20412', sizes.gets));
    await journal.stop();

    // First render.
    const render = await serve(work, renderStore);
    running.push(render);
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      viewport: { width: 1100, height: 760 },
    });
    await context.addInitScript({ content: observeRows });
    const page = await context.newPage();
    await page.goto(render.signInUrl);
    await page.waitForFunction(
      () => (globalThis as unknown as { __firstRow?: number }).__firstRow !== undefined,
      null,
      {
        timeout: 60_000,
      },
    );
    // Measured again on a plain reload, signed in: the sign-in round trip is not part of a render.
    await page.reload();
    await page.waitForFunction(
      () => (globalThis as unknown as { __firstRow?: number }).__firstRow !== undefined,
      null,
      {
        timeout: 60_000,
      },
    );
    const firstRenderMs = await page.evaluate(
      () => (globalThis as unknown as { __firstRow: number }).__firstRow,
    );
    const domRows = await page.locator('[role="option"]').count();
    await context.close();
    await render.stop();

    // LMTP → window, then the same companion left idle.
    const live = await serve(work, liveStore, dovecot);
    running.push(live);
    const liveContext = await browser.newContext({ ignoreHTTPSErrors: true });
    await liveContext.addInitScript({ content: observeRows });
    const livePage = await liveContext.newPage();
    await livePage.goto(live.signInUrl);
    await livePage.locator('[data-view="empty"], [role="option"]').first().waitFor({ timeout: 60_000 });
    const runId = Date.now().toString(36);
    const lags: number[] = [];
    for (let i = 0; i < sizes.deliveries; i++) {
      const { subject, raw } = lmtpMessage(i, runId);
      await deliverLmtp(dovecot.lmtpPort, { from: 'ann@corp.example', to: ['log+bcc@corp.example'], raw });
      const delivered = Date.now();
      const seenAt = await livePage
        .waitForFunction(
          (s) => (globalThis as unknown as { __rowsSeen: Map<string, number> }).__rowsSeen.get(s),
          subject,
          { timeout: 30_000 },
        )
        .then((h) => h.jsonValue() as Promise<number>);
      lags.push(seenAt - delivered);
      await new Promise((r) => setTimeout(r, 300)); // one at a time, as mail arrives
    }
    await liveContext.close();
    await new Promise((r) => setTimeout(r, 5_000)); // settle after the window's event stream closed
    const pid = live.pid;
    const cpu0 = cpuSeconds(pid);
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, sizes.idleSeconds * 1000));
    const idleSeconds = (Date.now() - t0) / 1000;
    const idle = {
      seconds: idleSeconds,
      rssMiB: rssMiB(pid),
      cpuPercent: ((cpuSeconds(pid) - cpu0) / idleSeconds) * 100,
    };
    await live.stop();

    const figures: TrayFigures = {
      fill: { results: sizes.journal, seconds: fillSeconds },
      firstPage,
      search,
      lmtpToWindow: summary(lags),
      firstRender: { results: sizes.render, ms: firstRenderMs, domRows },
      idle,
    };
    printTrayFigures(figures, quick);
    return figures;
  } finally {
    await Promise.all(running.map((c) => c.stop()));
    await browser.close();
    await dovecot.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function printTrayFigures(f: TrayFigures, quick: boolean): void {
  console.log(`\ntray window (real serve on loopback${quick ? '; BENCH_QUICK: indicative only' : ''}):`);
  console.log(
    `  GET results?limit=50, ${f.fill.results} results in the store: median ${fmt(f.firstPage.median)} ms, ` +
      `p95 ${fmt(f.firstPage.p95)} ms (n=${f.firstPage.n}; store filled in ${fmt(f.fill.seconds)} s)`,
  );
  console.log(
    `  GET results with a search (q=…): median ${fmt(f.search.median)} ms, p95 ${fmt(f.search.p95)} ms (n=${f.search.n})`,
  );
  console.log(
    `  LMTP delivery → row shown in the open window: median ${fmt(f.lmtpToWindow.median)} ms, ` +
      `p95 ${fmt(f.lmtpToWindow.p95)} ms (n=${f.lmtpToWindow.n})`,
  );
  console.log(
    `  first render with ${f.firstRender.results} results: first row painted ${fmt(f.firstRender.ms)} ms after ` +
      `navigation; ${f.firstRender.domRows} rows in the DOM (virtualised)`,
  );
  console.log(
    `  idle companion over ${fmt(f.idle.seconds)} s (IMAP IDLE, no mail): RSS ${fmt(f.idle.rssMiB)} MiB, ` +
      `CPU ${fmt(f.idle.cpuPercent)} % of one core`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runTrayBench({ quick: process.env['BENCH_QUICK'] === '1' });
}
