import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What `npm run bench` measures and how big, from the environment: BENCH_RUNS (default 3; 1 with BENCH_QUICK),
 * BENCH_QUICK=1 (small sizes: a smoke run, figures only indicative), BENCH_ONLY=<figure,…> and
 * BENCH_LMTP_INTERVAL_MS (time between two LMTP deliveries, default 150).
 */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const benchDir = path.join(root, '.bench');
export const quick = process.env['BENCH_QUICK'] === '1';
export const runs = Math.max(1, Number(process.env['BENCH_RUNS'] ?? (quick ? 1 : 3)));
export const lmtpIntervalMs = Number(process.env['BENCH_LMTP_INTERVAL_MS'] ?? 150);
export const sizes = quick
  ? { small: 300, backfill: 1_000, heavy: 50, lmtp: 20, sync: 1_000, bigMiB: [3, 10] }
  : { small: 5_000, backfill: 10_000, heavy: 500, lmtp: 200, sync: 10_000, bigMiB: [30, 100] };
export const MiB = 2 ** 20;

export const figureNames = ['anchors', 'pipeline', 'two-cores', 'rss', 'backfill', 'lmtp', 'sync'] as const;
export type FigureName = (typeof figureNames)[number];

const only = new Set(
  (process.env['BENCH_ONLY'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== ''),
);
for (const name of only) {
  if (!(figureNames as ReadonlyArray<string>).includes(name)) {
    throw new Error(`BENCH_ONLY: unknown figure ${name} (one of ${figureNames.join(', ')})`);
  }
}

/** Whether BENCH_ONLY asks for this figure (all of them without it). */
export const wanted = (f: FigureName): boolean => only.size === 0 || only.has(f);
