// `npm run bench`: the figures of docs/performance.md, each measured in a fresh process, several times, interleaved (run 1 of
// every case, then run 2 …) so machine noise spreads over all cases; printed as median (min–max) with each ratio
// against its anchor measured in the same run. Never timed assertions in tests.
// The environment it reads is in scripts/bench/bench-config.ts; the cases in cases.ts; the report in report.ts.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchDir, MiB, runs, quick, sizes, wanted } from './bench/bench-config.js';
import { buildCases } from './bench/cases.js';
import { generateAttachmentCorpus } from './bench/generate-attachment-corpus.js';
import { generateBigMessage } from './bench/generate-big-message.js';
import { generateSmallCorpus } from './bench/generate-small-corpus.js';
import { printReport, type Sample } from './bench/report.js';
import { fmt } from './bench/stats.js';

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
const heavyDir = path.join(benchDir, `heavy-${sizes.heavy}`);
const heavyCount = wanted('backfill') ? (await generateAttachmentCorpus(heavyDir, sizes.heavy)).length : 0;
console.log(
  `corpus: ${allFiles.length} small multipart/alternative mails (5–20 KB; UTF-8 QP/8bit/base64, ISO-2022-JP, ` +
    `Shift_JIS), seeded, cached in .bench/ (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)` +
    `${quick ? '  [BENCH_QUICK: reduced sizes, figures indicative only]' : ''}`,
);

// ---- cases ------------------------------------------------------------------------------------------------------
const { cases, lmtpStats, cleanup } = buildCases({
  corpusDir,
  smallList,
  lmtpList,
  syncList,
  bigFiles,
  heavyDir,
  heavyCount,
});

// ---- run, interleaved ----------------------------------------------------------------------------------------
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
cleanup();
rmSync(path.join(benchDir, 'tmp'), { recursive: true, force: true });

printReport({ cases, samples, failures, lmtpStats });
await (await import('./bench-addin.js')).runAddinBench({ quick });
await (await import('./bench-tray.js')).runTrayBench({ quick });

// ---- team scale (BENCH_TEAM=1: a few minutes of real PostgreSQL, so not by default; `npm run bench:team` alone) --
if (process.env['BENCH_TEAM'] === '1') {
  const { benchTeam } = await import('./bench-team.js');
  console.log(`\n${(await benchTeam()).join('\n')}`);
}
