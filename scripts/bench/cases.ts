import { cpSync, rmSync } from 'node:fs';
import { defaultParseWorkers } from '../../electron/core/parse-pool.js';
import { lmtpIntervalMs, sizes, wanted, type FigureName } from './bench-config.js';
import { child, node, num, runChild, tempStore, twoAtOnce } from './run-child.js';
import { median, percentile } from './stats.js';

/** One measured case: `run` returns its figure (and extras) for one run, in a fresh process. */
export type Case = {
  readonly key: string;
  readonly figure: FigureName;
  readonly label: string;
  readonly unit: string;
  readonly run: () => Promise<{ value: number; note?: string; extra?: Record<string, number> }>;
};

/** The generated inputs the cases read (bench.ts makes them once, cached in `.bench/`). */
export type Corpora = {
  readonly corpusDir: string;
  readonly smallList: string;
  readonly lmtpList: string;
  readonly syncList: string;
  /** One message per attachment size (MiB). */
  readonly bigFiles: ReadonlyMap<number, string>;
  readonly heavyDir: string;
  readonly heavyCount: number;
};

/** One LMTP case's figures beyond each run's median, for the report's p95, worst and own-share rows. */
export type LmtpRuns = {
  readonly label: string;
  medians: number[];
  p95s: number[];
  worst: number[];
  /** The companion's own share: from the intake's notice of the message to committed and filed. */
  ownMedians: number[];
  ownP95s: number[];
  missing: number;
  /** Messages the intake found without a notice (a claim round's SELECT saw them first): counted from the claim. */
  unnoticed: number;
  /** IMAP commands per message, IDLE and DONE left out (counted by the relay in front of Dovecot). */
  commandsPerMessage: number[];
};

/** By case key: `lmtp` (IDLE, the default) and `lmtp-low` (the low-latency mode). */
export type LmtpStats = Map<string, LmtpRuns>;

/** The low-latency mode the bench runs beside the default: the config's floor. */
export const benchResyncIntervalMs = 100;

/**
 * Every case BENCH_ONLY asks for, one per figure of docs/performance.md and its anchors. `cleanup` removes what the cases
 * keep between runs (the store the sync cases copy).
 */
export function buildCases(corpora: Corpora): {
  readonly cases: Case[];
  readonly lmtpStats: LmtpStats;
  cleanup(): void;
} {
  const cases: Case[] = [];
  let syncFilled: string | undefined;

  if (wanted('anchors') || wanted('pipeline') || wanted('two-cores')) {
    cases.push(
      {
        key: 'simple',
        figure: 'anchors',
        label: `simpleParser (anchor), ${sizes.small} small`,
        unit: 'msgs/s',
        run: async () => {
          const r = await runChild(child('anchor-simple', corpora.smallList));
          return { value: num(r.json['n']) / num(r.json['seconds']), extra: { rss: r.rssMiB } };
        },
      },
      {
        key: 'stream',
        figure: 'anchors',
        label: `streaming MailParser (anchor), ${sizes.small} small`,
        unit: 'msgs/s',
        run: async () => {
          const r = await runChild(child('anchor-stream', corpora.smallList));
          return { value: num(r.json['n']) / num(r.json['seconds']), extra: { rss: r.rssMiB } };
        },
      },
    );
  }

  const pipelineCase = (key: 'pipeline' | 'two-cores', workers: number, label: string): Case => ({
    key,
    figure: key,
    label,
    unit: 'msgs/s',
    run: async () => {
      const dir = tempStore();
      try {
        const r = await runChild(child('pipeline', dir, corpora.smallList, String(workers)));
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
          const r = await twoAtOnce((shard) =>
            child('anchor-simple', corpora.smallList, String(shard), '2', 'wait'),
          );
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
    for (const [mib, file] of corpora.bigFiles) {
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
    cases.push(
      importCase(
        'backfill-heavy',
        `back-fill ${corpora.heavyCount} with 100 KB–2 MB attachments (CLI import, wall time)`,
        corpora.heavyDir,
      ),
      importCase('backfill', `back-fill ${sizes.backfill} small (CLI import, wall time)`, corpora.corpusDir),
    );
  }

  const lmtpStats: LmtpStats = new Map();
  const lmtpCase = (key: string, mode: string, resyncIntervalMs?: number): Case => {
    const runs: LmtpRuns = {
      label: mode,
      medians: [],
      p95s: [],
      worst: [],
      ownMedians: [],
      ownP95s: [],
      missing: 0,
      unnoticed: 0,
      commandsPerMessage: [],
    };
    lmtpStats.set(key, runs);
    return {
      key,
      figure: 'lmtp',
      label: `LMTP → committed (Dovecot, ${mode}), ${sizes.lmtp} msgs, median`,
      unit: 'ms',
      run: async () => {
        const r = await runChild(
          child(
            'lmtp',
            corpora.lmtpList,
            String(lmtpIntervalMs),
            ...(resyncIntervalMs === undefined ? [] : [String(resyncIntervalMs)]),
          ),
        );
        const list = (name: string): number[] =>
          Array.isArray(r.json[name]) ? (r.json[name] as unknown[]).map(num) : [];
        const raw = list('latenciesMs');
        const latencies = raw.filter((x) => Number.isFinite(x));
        const own = list('ownMs').filter((x) => Number.isFinite(x));
        runs.missing += raw.length - latencies.length;
        runs.unnoticed += num(r.json['unnoticed']);
        const p95 = percentile(latencies, 95);
        const worst = Math.max(...latencies);
        runs.medians.push(median(latencies));
        runs.p95s.push(p95);
        runs.worst.push(worst);
        runs.ownMedians.push(median(own));
        runs.ownP95s.push(percentile(own, 95));
        const commands = (r.json['imapCommands'] ?? {}) as Record<string, number>;
        const perMessage = roundTripsPerMessage(commands, raw.length);
        runs.commandsPerMessage.push(perMessage);
        const split = Array.isArray(r.json['splitMs']) ? (r.json['splitMs'] as unknown[][]) : [];
        const splitMedians = split.map((xs) =>
          median(xs.map(num).filter((x) => Number.isFinite(x))).toFixed(1),
        );
        return {
          value: median(latencies),
          note:
            `p95 ${p95.toFixed(0)} ms, worst ${worst.toFixed(0)} ms; own share median ${median(own).toFixed(1)} ms, ` +
            `p95 ${percentile(own, 95).toFixed(1)} ms (notice → claimed → committed → filed, medians: ` +
            `${splitMedians.join(' + ')} ms); ${perMessage.toFixed(1)} IMAP round trips per message ` +
            `(${describeCommands(commands, raw.length)})`,
        };
      },
    };
  };
  if (wanted('lmtp')) {
    cases.push(
      lmtpCase('lmtp', 'IDLE'),
      lmtpCase('lmtp-low', `low-latency, resync every ${benchResyncIntervalMs} ms`, benchResyncIntervalMs),
    );
  }

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
          await runChild(child('pipeline', filled, corpora.syncList, '1', 'remote'));
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

  return {
    cases,
    lmtpStats,
    cleanup() {
      if (syncFilled !== undefined) {
        rmSync(syncFilled, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Not the messages' work: waiting for news (IDLE and its DONE, the low-latency resync's NOOP: a cost per second),
 * and LIST, which imapflow sends once a session before it first SELECTs a folder.
 */
const notPerMessage = new Set(['IDLE', 'DONE', 'NOOP', 'LIST']);

/** IMAP commands per message from the relay's counts, leaving out the wait and the session's LIST: the work. */
export function roundTripsPerMessage(commands: Readonly<Record<string, number>>, messages: number): number {
  const work = Object.entries(commands)
    .filter(([name]) => !notPerMessage.has(name))
    .reduce((sum, [, n]) => sum + n, 0);
  return messages > 0 ? work / messages : Number.NaN;
}

function describeCommands(commands: Readonly<Record<string, number>>, messages: number): string {
  return Object.entries(commands)
    .sort(([, a], [, b]) => b - a)
    .map(([name, n]) => `${name} ${(n / Math.max(1, messages)).toFixed(2)}`)
    .join(', ');
}
