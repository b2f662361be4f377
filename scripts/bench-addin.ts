/**
 * The add-in's figures of `npm run bench` (docs/performance.md, docs/addin.md): what a pane waits for, measured
 * over HTTPS against a real headless companion (`serve`) whose store holds 10,000 contacts, with a pane token
 * obtained by pairing as a pane does.
 * - `check-message` with 20 recipients (matched, new, colleagues, never-log): p95 and median latency;
 * - `log-now` of a 100 KB message (each a new message): median and p95 latency.
 * Run alone with `npx tsx scripts/bench-addin.ts` (BENCH_QUICK=1: fewer requests, figures indicative only).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fmt, median, percentile } from './bench/stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const contactCount = 10_000;

type Connection = { url: string; token: string; ca: string };
type Reply = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

/** Figures of one run, in milliseconds. */
export type AddinFigures = {
  readonly checkMessage: { readonly median: number; readonly p95: number; readonly n: number };
  readonly logNow: {
    readonly median: number;
    readonly p95: number;
    readonly n: number;
    readonly bytes: number;
  };
};

function crmJson(): unknown {
  const sample = JSON.parse(fs.readFileSync(path.join(root, 'samples', 'CRM.json'), 'utf8')) as {
    settings: unknown;
    users: Array<{ email: string }>;
    neverLog: string[];
  };
  const companies = Array.from({ length: 500 }, (_, i) => ({
    domain: `company${i}.example`,
    name: `Company ${i}`,
  }));
  const contacts = Array.from({ length: contactCount }, (_, i) => ({
    email: `contact${i}@company${i % 500}.example`,
    name: `Contact ${i}`,
    company: `company${i % 500}.example`,
  }));
  const deals = Array.from({ length: 2_000 }, (_, i) => ({
    id: `B-${i}`,
    name: `Deal ${i}`,
    stage: i % 3 === 0 ? 'won' : 'open',
    createdAt: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString(),
    contacts: [contacts[(i * 5) % contactCount]?.email ?? ''],
  }));
  // One user, so that the companion's own user is Tom without a mailbox (colleagues are internal by domain).
  const users = sample.users.filter((u) => u.email === 'tom.baker@corp.example');
  return { settings: sample.settings, users, companies, contacts, deals, neverLog: sample.neverLog };
}

function request(
  connection: Connection,
  agent: https.Agent,
  method: string,
  route: string,
  token: string | null,
  body?: unknown,
): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${connection.url}/api/v1/${route}`,
      {
        method,
        agent,
        headers: {
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Reply);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function must<T>(reply: Promise<Reply>, what: string): Promise<T> {
  const r = await reply;
  if (!r.ok) {
    throw new Error(`${what}: ${JSON.stringify(r.error)}`);
  }
  return r.value as T;
}

/** A ~100 KB plain-text message from a contact to the user, new each time (its own Message-ID). */
function hundredKbMessage(i: number): string {
  const line =
    'The quarterly figures and the renewal terms are in the table below, as discussed on the call.';
  const body = Array.from({ length: Math.ceil(100_000 / (line.length + 2)) }, () => line).join('\r\n');
  return [
    'From: Contact 7 <contact7@company7.example>',
    'To: Tom Baker <tom.baker@corp.example>',
    `Subject: Renewal figures ${i}`,
    `Date: ${new Date(Date.UTC(2026, 10, 1) + i * 60_000).toUTCString()}`,
    `Message-ID: <bench-${i}-${Date.now()}@company7.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
    '',
  ].join('\r\n');
}

/** Starts `serve`, pairs a pane, measures, stops. */
export async function benchAddin(options: { readonly quick: boolean }): Promise<AddinFigures> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-bench-addin-'));
  const store = path.join(work, 'store');
  const crmFile = path.join(work, 'CRM.json');
  fs.writeFileSync(crmFile, JSON.stringify(crmJson()), { mode: 0o600 });
  const config = path.join(work, 'config.json');
  fs.writeFileSync(
    config,
    JSON.stringify({
      store,
      crm: crmFile,
      backend: { kind: 'local' },
      ui: { port: 0 },
    }),
  );
  fs.chmodSync(config, 0o600);
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli.ts', 'serve', '--config', config], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    const connectionFile = path.join(store, 'companion.json');
    const deadline = Date.now() + 120_000;
    while (!fs.existsSync(connectionFile)) {
      if (Date.now() > deadline || child.exitCode !== null) {
        throw new Error(`serve did not start:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const connection = JSON.parse(fs.readFileSync(connectionFile, 'utf8')) as Connection;
    const agent = new https.Agent({ keepAlive: true, ca: fs.readFileSync(connection.ca) });

    // Pairing as a pane does it; the owner allows it as the window would.
    const asked = await must<{ requestId: string; code: string }>(
      request(connection, agent, 'POST', 'pair/requests', null, { profile: 'tom.baker@corp.example' }),
      'pair request',
    );
    const listed = await must<{ requests: Array<{ id: string; code: string }> }>(
      request(connection, agent, 'GET', 'pairings', connection.token),
      'pairings',
    );
    const id = listed.requests.find((r) => r.code === asked.code)?.id ?? '';
    await must(request(connection, agent, 'POST', `pairings/${id}/allow`, connection.token, {}), 'allow');
    const polled = await must<{ token: string | null }>(
      request(connection, agent, 'GET', `pair/requests/${asked.requestId}`, null),
      'poll',
    );
    const pane = polled.token ?? '';

    const recipients = {
      from: 'tom.baker@corp.example',
      to: [
        ...Array.from({ length: 10 }, (_, i) => `contact${i * 997}@company${(i * 997) % 500}.example`),
        ...Array.from({ length: 5 }, (_, i) => `new${i}@fresh${i}.example`),
      ],
      cc: ['ann@corp.example', 'hanako.sato@corp.example', 'a.smith@corp.example', 'noreply@vendor.example'],
      bcc: ['log+bcc.t5m1@corp.example'],
      subject: 'Proposal for the 2027 renewal',
    };
    if (recipients.to.length + recipients.cc.length + recipients.bcc.length !== 20) {
      throw new Error('the check-message case must have 20 recipients');
    }
    const checks = options.quick ? 50 : 500;
    const logs = options.quick ? 10 : 100;
    const timed = async (run: () => Promise<Reply>, what: string): Promise<number> => {
      const started = performance.now();
      await must(run(), what);
      return performance.now() - started;
    };
    // The case must be the one named: logged, the 10 contacts matched, the 5 new created, the rest left out.
    const seen = await must<{
      status: string;
      contacts: Array<{ created: boolean }>;
      skippedRecipients: unknown[];
    }>(request(connection, agent, 'POST', 'check-message', pane, recipients), 'check-message');
    const created = seen.contacts.filter((c) => c.created).length;
    if (seen.status !== 'logged' || seen.contacts.length - created !== 10 || created !== 5) {
      throw new Error(`check-message did not see the bench case: ${JSON.stringify(seen).slice(0, 400)}`);
    }
    for (let i = 0; i < 10; i++) {
      await timed(() => request(connection, agent, 'POST', 'check-message', pane, recipients), 'warm-up');
    }
    const checkTimes: number[] = [];
    for (let i = 0; i < checks; i++) {
      checkTimes.push(
        await timed(
          () => request(connection, agent, 'POST', 'check-message', pane, recipients),
          'check-message',
        ),
      );
    }
    const logTimes: number[] = [];
    let bytes = 0;
    for (let i = 0; i < logs; i++) {
      const mime = Buffer.from(hundredKbMessage(i), 'utf8');
      bytes = mime.length;
      const body = { mime: mime.toString('base64') };
      const started = performance.now();
      const logged = await must<{ status: string; route: string }>(
        request(connection, agent, 'POST', 'log-now', pane, body),
        'log-now',
      );
      logTimes.push(performance.now() - started);
      if (logged.status !== 'logged' || logged.route !== 'log-now') {
        throw new Error(`log-now did not log the message: ${JSON.stringify(logged).slice(0, 400)}`);
      }
    }
    agent.destroy();
    return {
      checkMessage: { median: median(checkTimes), p95: percentile(checkTimes, 95), n: checkTimes.length },
      logNow: { median: median(logTimes), p95: percentile(logTimes, 95), n: logTimes.length, bytes },
    };
  } finally {
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export function printAddinFigures(f: AddinFigures): void {
  console.log(`\n## Add-in (${contactCount.toLocaleString('en')} contacts, over HTTPS with a pane token)\n`);
  console.log('| figure | median | p95 | unit | requests |');
  console.log('|---|---|---|---|---|');
  console.log(
    `| check-message, 20 recipients | ${fmt(f.checkMessage.median)} | ${fmt(f.checkMessage.p95)} | ms | ${f.checkMessage.n} |`,
  );
  console.log(
    `| log-now, ${Math.round(f.logNow.bytes / 1000)} KB message | ${fmt(f.logNow.median)} | ${fmt(f.logNow.p95)} | ms | ${f.logNow.n} |`,
  );
}

/** `npm run bench`'s hook: measures and prints, unless BENCH_ONLY names other figures. */
export async function runAddinBench(options: { readonly quick: boolean }): Promise<void> {
  if (process.env['BENCH_ONLY'] === undefined || process.env['BENCH_ONLY'] === '') {
    printAddinFigures(await benchAddin(options));
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printAddinFigures(await benchAddin({ quick: process.env['BENCH_QUICK'] === '1' }));
}
