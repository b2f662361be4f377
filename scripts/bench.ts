// `npm run bench`: figures printed, compared as ratios against anchors measured in the same run (never timed
// assertions in tests). Each case runs in a fresh process, several times, interleaved.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSmallCorpus } from './bench/generate-small-corpus.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = path.join(root, '.bench', 'small-1000');
const runs = Number(process.env['BENCH_RUNS'] ?? 3);

type Case = { name: string; run: (files: string[]) => number };

/** Seconds of wall time for a child process (start-up included, as a user would see it). */
function timeChild(args: string[], input?: string): number {
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, args, {
    cwd: root,
    input,
    stdio: ['pipe', 'ignore', 'inherit'],
    maxBuffer: 1 << 26,
  });
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const cases: Case[] = [
  {
    name: 'mailparser simpleParser (anchor)',
    run: (files) => timeChild(['--input-type=module', '-e', simpleParserScript], files.join('\n')),
  },
  {
    name: 'crm-mail-logger log (CLI, fresh store)',
    run: (files) => {
      const store = mkdtempSync(path.join(os.tmpdir(), 'cml-bench-'));
      try {
        return timeChild([
          '--import',
          'tsx',
          'electron/cli.ts',
          'log',
          ...files,
          '--store',
          store,
          '--crm',
          'samples/CRM.json',
          '--json',
        ]);
      } finally {
        rmSync(store, { recursive: true, force: true });
      }
    },
  },
];

const simpleParserScript = `
import { readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
const files = readFileSync(0, 'utf8').split('\\n');
for (const f of files) { await simpleParser(readFileSync(f)); }
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

const files = await generateSmallCorpus(corpusDir, 1000);
const rates = new Map<string, number[]>(cases.map((c) => [c.name, []]));
for (let r = 0; r < runs; r++) {
  for (const c of cases) {
    rates.get(c.name)?.push(files.length / c.run(files));
  }
}
const anchor = median(rates.get(cases[0]?.name ?? '') ?? []);
console.log(
  `small messages: ${files.length} (5–20 KB multipart/alternative), ${runs} runs each, fresh process per run`,
);
for (const c of cases) {
  const xs = rates.get(c.name) ?? [];
  const fmt = (x: number): string => x.toFixed(0);
  console.log(
    `${c.name.padEnd(42)} ${fmt(median(xs)).padStart(6)} msgs/s (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})  ×${(median(xs) / anchor).toFixed(2)} of simpleParser`,
  );
}
