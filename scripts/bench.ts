// `npm run bench`: the figures of issue 5, each measured in a fresh process, several times, interleaved (run 1 of
// every case, then run 2 …) so machine noise spreads over all cases; printed as median (min–max) with each ratio
// against its anchor measured in the same run. Never timed assertions in tests.
//
// Environment: BENCH_RUNS (default 3; 1 with BENCH_QUICK), BENCH_QUICK=1 (small sizes: a smoke run, figures only
// indicative), BENCH_ONLY=<figure> (anchors, pipeline, two-cores, rss, backfill, lmtp, sync; comma-separated).
// BENCH_LMTP_INTERVAL_MS: time between two LMTP deliveries (default 150).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultParseWorkers } from '../electron/core/parse-pool.js';
import { generateAttachmentCorpus } from './bench/generate-attachment-corpus.js';
import { generateBigMessage } from './bench/generate-big-message.js';
import { generateSmallCorpus } from './bench/generate-small-corpus.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, '.bench');
const quick = process.env['BENCH_QUICK'] === '1';
const runs = Math.max(1, Number(process.env['BENCH_RUNS'] ?? (quick ? 1 : 3)));
const only = new Set(
  (process.env['BENCH_ONLY'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== ''),
);
const lmtpIntervalMs = Number(process.env['BENCH_LMTP_INTERVAL_MS'] ?? 150);
const sizes = quick
  ? { small: 300, backfill: 1_000, heavy: 50, lmtp: 20, sync: 1_000, bigMiB: [3, 10] }
  : { small: 5_000, backfill: 10_000, heavy: 500, lmtp: 200, sync: 10_000, bigMiB: [30, 100] };
const MiB = 2 ** 20;

const figureNames = ['anchors', 'pipeline', 'two-cores', 'rss', 'backfill', 'lmtp', 'sync'] as const;
type FigureName = (typeof figureNames)[number];
for (const name of only) {
  if (!(figureNames as ReadonlyArray<string>).includes(name)) {
    throw new Error(`BENCH_ONLY: unknown figure ${name} (one of ${figureNames.join(', ')})`);
  }
}
const wanted = (f: FigureName): boolean => only.size === 0 || only.has(f);

type ChildRun = { json: Record<string, unknown>; rssMiB: number; wallSeconds: number };

/**
 * Runs `node --import tsx ARGS` (or another command) under `/usr/bin/time -v`: the last stdout line is its JSON
 * report, the peak RSS is time's "Maximum resident set size". `onReady` is called when the child prints `ready`.
 */
function runChild(
  command: string[],
  options: { onReady?: (send: (line: string) => void) => void; json?: boolean } = {},
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-v', ...command], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const before = stdout;
      stdout += chunk.toString('utf8');
      if (!before.split('\n').includes('ready') && stdout.split('\n').includes('ready')) {
        options.onReady?.((line) => child.stdin.write(`${line}\n`));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
      const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? Number.NaN);
      if (code !== 0) {
        reject(new Error(`${command.join(' ')} exited ${String(code)}\n${stderr.slice(-3000)}`));
        return;
      }
      const last = stdout.trim().split('\n').at(-1) ?? '';
      let json: Record<string, unknown> = {};
      if (options.json !== false) {
        try {
          json = JSON.parse(last) as Record<string, unknown>;
        } catch {
          reject(new Error(`${command.join(' ')}: no JSON report on stdout: ${last.slice(0, 300)}`));
          return;
        }
      }
      resolve({ json, rssMiB: rssKb / 1024, wallSeconds });
    });
  });
}

const node = (...args: string[]): string[] => [process.execPath, '--import', 'tsx', ...args];
const child = (...args: string[]): string[] => node('scripts/bench/child.ts', ...args);
const num = (x: unknown): number => (typeof x === 'number' ? x : Number.NaN);

function tempStore(): string {
  mkdirSync(path.join(benchDir, 'tmp'), { recursive: true });
  return mkdtempSync(path.join(benchDir, 'tmp', 'store-'));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? Number.NaN) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
}

/** One measured case: `run` returns its figure (and extras) for one run, in a fresh process. */
type Case = {
  readonly key: string;
  readonly figure: FigureName;
  readonly label: string;
  readonly unit: string;
  readonly run: () => Promise<{ value: number; note?: string; extra?: Record<string, number> }>;
};

// ---- corpora -----------------------------------------------------------------------------------------------
const corpusCount = Math.max(sizes.small, sizes.backfill, sizes.sync);
const corpusDir = path.join(benchDir, `small-${corpusCount}`);
const started = Date.now();
const allFiles = await generateSmallCorpus(corpusDir, corpusCount);
const listFile = (name: string, files: string[]): string => {
  const file = path.join(benchDir, `${name}.list`);
  writeFileSync(file, `${files.join('\n')}\n`);
  return file;
};
const smallList = listFile('small', allFiles.slice(0, sizes.small));
const lmtpList = listFile('lmtp', allFiles.slice(0, sizes.lmtp));
const syncList = listFile('sync', allFiles.slice(0, sizes.sync));
const bigFiles = new Map<number, string>();
if (wanted('rss')) {
  for (const mib of sizes.bigMiB) {
    bigFiles.set(mib, await generateBigMessage(path.join(benchDir, `big-${mib}MiB.eml`), mib * MiB));
  }
}
console.log(
  `corpus: ${allFiles.length} small multipart/alternative mails (5–20 KB; UTF-8 QP/8bit/base64, ISO-2022-JP, ` +
    `Shift_JIS), seeded, cached in .bench/ (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)` +
    `${quick ? '  [BENCH_QUICK: reduced sizes, figures indicative only]' : ''}`,
);

// ---- cases -------------------------------------------------------------------------------------------------
const cases: Case[] = [];

if (wanted('anchors') || wanted('pipeline') || wanted('two-cores')) {
  cases.push(
    {
      key: 'simple',
      figure: 'anchors',
      label: `simpleParser (anchor), ${sizes.small} small`,
      unit: 'msgs/s',
      run: async () => {
        const r = await runChild(child('anchor-simple', smallList));
        return { value: num(r.json['n']) / num(r.json['seconds']), extra: { rss: r.rssMiB } };
      },
    },
    {
      key: 'stream',
      figure: 'anchors',
      label: `streaming MailParser (anchor), ${sizes.small} small`,
      unit: 'msgs/s',
      run: async () => {
        const r = await runChild(child('anchor-stream', smallList));
        return { value: num(r.json['n']) / num(r.json['seconds']), extra: { rss: r.rssMiB } };
      },
    },
  );
}

/** Two children started together (each prints `ready`, both get `go`): all messages ÷ the slower child's time. */
async function twoAtOnce(command: (shard: number) => string[]): Promise<{ value: number; rss: number }> {
  const senders: Array<(line: string) => void> = [];
  const onReady = (send: (line: string) => void): void => {
    senders.push(send);
    if (senders.length === 2) {
      senders.forEach((s) => s('go'));
    }
  };
  const results = await Promise.all([0, 1].map((shard) => runChild(command(shard), { onReady })));
  const n = results.reduce((sum, r) => sum + num(r.json['n']), 0);
  const slowest = Math.max(...results.map((r) => num(r.json['seconds'])));
  return { value: n / slowest, rss: results.reduce((sum, r) => sum + r.rssMiB, 0) };
}

const pipelineCase = (key: 'pipeline' | 'two-cores', workers: number, label: string): Case => ({
  key,
  figure: key,
  label,
  unit: 'msgs/s',
  run: async () => {
    const dir = tempStore();
    try {
      const r = await runChild(child('pipeline', dir, smallList, String(workers)));
      return {
        value: num(r.json['n']) / num(r.json['seconds']),
        note: JSON.stringify(r.json['statuses']),
        extra: { rss: r.rssMiB },
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

if (wanted('pipeline')) {
  cases.push(
    pipelineCase('pipeline', 0, `full local pipeline, 1 thread (back-fill path), ${sizes.small} small`),
  );
}

if (wanted('two-cores')) {
  const workers = defaultParseWorkers();
  cases.push(
    {
      key: 'simple-two',
      figure: 'two-cores',
      label: `simpleParser, 2 processes at once (this machine's 2-core scaling), ${sizes.small} small`,
      unit: 'msgs/s',
      run: async () => {
        const r = await twoAtOnce((shard) => child('anchor-simple', smallList, String(shard), '2', 'wait'));
        return { value: r.value, extra: { rss: r.rss } };
      },
    },
    pipelineCase(
      'two-cores',
      workers,
      `full local pipeline, ${workers} parse worker${workers > 1 ? 's' : ''} + committing thread, ${sizes.small} small`,
    ),
  );
}

if (wanted('rss')) {
  for (const [mib, file] of bigFiles) {
    for (const [mode, label] of [
      ['rss-simple', 'simpleParser (anchor)'],
      ['rss-stream', 'streaming MailParser (anchor)'],
      ['rss-pipeline', 'full local pipeline'],
    ] as const) {
      cases.push({
        key: `${mode}-${mib}`,
        figure: 'rss',
        label: `peak RSS, ${mib} MB attachment, ${label}`,
        unit: 'MiB',
        run: async () => {
          const dir = tempStore();
          try {
            const r = await runChild(mode === 'rss-pipeline' ? child(mode, file, dir) : child(mode, file));
            const status = r.json['status'];
            return {
              value: r.rssMiB,
              ...(typeof status === 'string' ? { note: status } : {}),
              extra: { seconds: num(r.json['seconds']) },
            };
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        },
      });
    }
  }
}

/** `import FOLDER` as a user runs it: the wall time of the whole CLI process, start-up included. */
const importCase = (key: string, label: string, folder: string): Case => ({
  key,
  figure: 'backfill',
  label,
  unit: 's',
  run: async () => {
    const dir = tempStore();
    try {
      const r = await runChild(
        node('electron/cli.ts', 'import', folder, '--store', dir, '--crm', 'samples/CRM.json'),
        { json: false },
      );
      return { value: r.wallSeconds, extra: { rss: r.rssMiB } };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

if (wanted('backfill')) {
  const heavyDir = path.join(benchDir, `heavy-${sizes.heavy}`);
  const heavy = await generateAttachmentCorpus(heavyDir, sizes.heavy);
  cases.push(
    importCase(
      'backfill-heavy',
      `back-fill ${heavy.length} with 100 KB–2 MB attachments (CLI import, wall time)`,
      heavyDir,
    ),
    importCase('backfill', `back-fill ${sizes.backfill} small (CLI import, wall time)`, corpusDir),
  );
}

const lmtpStats: { medians: number[]; p95s: number[]; worst: number[]; missing: number } = {
  medians: [],
  p95s: [],
  worst: [],
  missing: 0,
};
if (wanted('lmtp')) {
  cases.push({
    key: 'lmtp',
    figure: 'lmtp',
    label: `LMTP → committed (Dovecot IDLE), ${sizes.lmtp} msgs, median`,
    unit: 'ms',
    run: async () => {
      const r = await runChild(child('lmtp', lmtpList, String(lmtpIntervalMs)));
      const raw = Array.isArray(r.json['latenciesMs']) ? (r.json['latenciesMs'] as unknown[]).map(num) : [];
      const latencies = raw.filter((x) => Number.isFinite(x));
      lmtpStats.missing += raw.length - latencies.length;
      const p95 = percentile(latencies, 95);
      const worst = Math.max(...latencies);
      lmtpStats.medians.push(median(latencies));
      lmtpStats.p95s.push(p95);
      lmtpStats.worst.push(worst);
      return { value: median(latencies), note: `p95 ${p95.toFixed(0)} ms, worst ${worst.toFixed(0)} ms` };
    },
  });
}

let syncFilled: string | undefined;
if (wanted('sync')) {
  cases.push({
    key: 'sync',
    figure: 'sync',
    label: `sync ${sizes.sync} results → HubSpot emulator (190 req/10 s)`,
    unit: 'emails/s',
    run: async () => {
      if (syncFilled === undefined) {
        // Filled once per bench run by the pipeline (syncTarget remote); each run pushes a fresh copy.
        const filled = tempStore();
        await runChild(child('pipeline', filled, syncList, '1', 'remote'));
        syncFilled = filled;
      }
      const dir = tempStore();
      try {
        cpSync(syncFilled, dir, { recursive: true });
        const r = await runChild(child('sync-push', dir));
        return {
          value: num(r.json['n']) / num(r.json['seconds']),
          note: `${String(r.json['requests'])} requests, ${String(r.json['failed'])} failed, 429s ${String(r.json['limitExceeded'])}`,
          extra: { requests: num(r.json['requests']), synced: num(r.json['n']) },
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  });
}

// ---- run, interleaved ----------------------------------------------------------------------------------------
type Sample = { value: number; note?: string; extra?: Record<string, number> };
const samples = new Map<string, Sample[]>(cases.map((c) => [c.key, []]));
const failures = new Map<string, string>();
for (let r = 0; r < runs; r++) {
  for (const c of cases) {
    if (failures.has(c.key)) {
      continue;
    }
    const t = Date.now();
    try {
      const s = await c.run();
      samples.get(c.key)?.push(s);
      console.log(
        `  run ${r + 1}/${runs} ${c.label}: ${fmt(s.value)} ${c.unit}${s.note ? `  ${s.note}` : ''}  (${((Date.now() - t) / 1000).toFixed(1)} s)`,
      );
    } catch (e) {
      failures.set(c.key, e instanceof Error ? e.message : String(e));
      console.log(`  run ${r + 1}/${runs} ${c.label}: FAILED ${failures.get(c.key)?.split('\n')[0] ?? ''}`);
    }
  }
}
if (syncFilled !== undefined) {
  rmSync(syncFilled, { recursive: true, force: true });
}
rmSync(path.join(benchDir, 'tmp'), { recursive: true, force: true });

function fmt(x: number): string {
  if (!Number.isFinite(x)) {
    return 'n/a';
  }
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

const values = (key: string): number[] => (samples.get(key) ?? []).map((s) => s.value);
const med = (key: string): number => median(values(key));

// ---- table -----------------------------------------------------------------------------------------------------
const anchorOf: Record<string, string | undefined> = {
  pipeline: 'simple',
  'two-cores': 'simple',
  'simple-two': 'simple',
  stream: 'simple',
  ...Object.fromEntries(sizes.bigMiB.flatMap((mib) => [[`rss-pipeline-${mib}`, `rss-stream-${mib}`]])),
};
console.log(
  `\n## Results (${runs} run${runs > 1 ? 's' : ''} each, fresh process per run, median (min–max))${quick ? ' — BENCH_QUICK' : ''}\n`,
);
console.log('| figure | median (min–max) | unit | ratio | runs |');
console.log('|---|---|---|---|---|');
for (const c of cases) {
  const xs = values(c.key);
  const anchorKey = anchorOf[c.key];
  const anchorName = anchorKey?.startsWith('rss-stream') ? 'streaming MailParser' : 'simpleParser';
  const ratio =
    anchorKey !== undefined && values(anchorKey).length > 0
      ? `×${(med(c.key) / med(anchorKey)).toFixed(2)} of ${anchorName}`
      : c.key.startsWith('rss-simple') || c.key === 'simple'
        ? 'anchor'
        : '';
  const cell =
    failures.has(c.key) && xs.length === 0
      ? 'FAILED'
      : `${fmt(median(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`;
  console.log(`| ${c.label} | ${cell} | ${c.unit} | ${ratio} | ${xs.length} |`);
}
if (wanted('lmtp') && lmtpStats.medians.length > 0) {
  console.log(
    `| LMTP → committed, p95 | ${fmt(median(lmtpStats.p95s))} (${fmt(Math.min(...lmtpStats.p95s))}–${fmt(Math.max(...lmtpStats.p95s))}) | ms | | ${lmtpStats.p95s.length} |`,
  );
  console.log(
    `| LMTP → committed, worst | ${fmt(Math.max(...lmtpStats.worst))} | ms | | ${lmtpStats.worst.length} |`,
  );
}
if (wanted('sync') && (samples.get('sync') ?? []).length > 0) {
  const reqs = (samples.get('sync') ?? []).map((s) => s.extra?.['requests'] ?? Number.NaN);
  console.log(
    `| sync: emulator requests per run | ${fmt(median(reqs))} (${fmt(Math.min(...reqs))}–${fmt(Math.max(...reqs))}) | requests | | ${reqs.length} |`,
  );
}
for (const [key, message] of failures) {
  console.log(`\nFAILED ${key}: ${message.slice(0, 2000)}`);
}

// ---- goals -------------------------------------------------------------------------------------------------------
type Goal = { figure: string; goal: string; measured: string; ok: boolean | undefined };
const goals: Goal[] = [];
const okIf = (x: number, pass: (v: number) => boolean): boolean | undefined =>
  Number.isFinite(x) ? pass(x) : undefined;
if (wanted('pipeline')) {
  const ratio = med('pipeline') / med('simple');
  goals.push({
    figure: 'full local pipeline, 1 process',
    goal: '≥ 1.0× simpleParser',
    measured: `×${ratio.toFixed(2)}`,
    ok: okIf(ratio, (v) => v >= 1.0),
  });
}
if (wanted('two-cores')) {
  const ratio = med('two-cores') / med('simple');
  goals.push({
    figure: 'full local pipeline, 2 cores',
    goal: '≥ 1.7× simpleParser',
    // What two cores give here at all: simpleParser itself, two processes at once.
    measured: `×${ratio.toFixed(2)} (simpleParser ×2 procs: ×${(med('simple-two') / med('simple')).toFixed(2)})`,
    ok: okIf(ratio, (v) => v >= 1.7),
  });
}
if (wanted('rss')) {
  const [small, big] = sizes.bigMiB;
  const a = med(`rss-pipeline-${small ?? 0}`);
  const b = med(`rss-pipeline-${big ?? 0}`);
  goals.push({
    figure: `peak RSS, ${big ?? 0} MB attachment`,
    goal: '≤ 256 MiB',
    measured: `${fmt(b)} MiB`,
    ok: okIf(b, (v) => v <= 256),
  });
  const spread = Math.max(a, b) / Math.min(a, b) - 1;
  goals.push({
    figure: `peak RSS, ${small ?? 0} MB vs ${big ?? 0} MB`,
    goal: 'within 10%',
    measured: `${(spread * 100).toFixed(1)}%`,
    ok: okIf(spread, (v) => v <= 0.1),
  });
}
if (wanted('backfill')) {
  const s = med('backfill');
  goals.push({
    figure: `back-fill ${sizes.backfill} small`,
    goal: '≤ 15 s',
    measured: `${fmt(s)} s`,
    ok: okIf(s, (v) => v <= 15),
  });
  const h = med('backfill-heavy');
  goals.push({
    figure: `back-fill ${sizes.heavy} attachment-heavy`,
    goal: '≤ 3 min',
    measured: `${fmt(h)} s`,
    ok: okIf(h, (v) => v <= 180),
  });
}
if (wanted('lmtp')) {
  const m = median(lmtpStats.medians);
  const p = median(lmtpStats.p95s);
  const complete = lmtpStats.missing === 0;
  goals.push({
    figure: 'LMTP → committed, median',
    goal: '≤ 1 s',
    measured: `${fmt(m)} ms`,
    ok: okIf(m, (v) => complete && v <= 1000),
  });
  goals.push({
    figure: 'LMTP → committed, p95',
    goal: '≤ 2 s',
    measured: `${fmt(p)} ms${complete ? '' : ` (${lmtpStats.missing} never committed)`}`,
    ok: okIf(p, (v) => complete && v <= 2000),
  });
}
if (wanted('sync')) {
  const r = med('sync');
  goals.push({
    figure: `sync ${sizes.sync} results to HubSpot`,
    goal: '≥ 300 emails/s',
    measured: `${fmt(r)} emails/s`,
    ok: okIf(r, (v) => v >= 300),
  });
}
console.log(`\n## Goals${quick ? ' (BENCH_QUICK: reduced sizes, indicative only)' : ''}\n`);
for (const g of goals) {
  console.log(
    `${g.figure.padEnd(40)} ${g.goal.padEnd(22)} ${g.measured.padEnd(24)} ${g.ok === undefined ? 'n/a' : g.ok ? 'ok' : 'short'}`,
  );
}
if (existsSync(path.join(benchDir, 'tmp'))) {
  rmSync(path.join(benchDir, 'tmp'), { recursive: true, force: true });
}
