// One measurement in a fresh process: `node --import tsx scripts/bench/child.ts MODE ARGS…`. Prints one JSON line
// (the last line of stdout) with what it measured. Project code is imported only by the modes that need it, so the
// anchors carry no project code.
import { createReadStream, linkSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

const [mode, ...args] = process.argv.slice(2);

function arg(i: number): string {
  const value = args[i];
  if (value === undefined) {
    throw new Error(`bench child ${mode ?? '?'}: argument ${i} missing`);
  }
  return value;
}

function listFiles(listFile: string, shard = 0, shards = 1): string[] {
  return readFileSync(listFile, 'utf8')
    .split('\n')
    .filter((f, i) => f !== '' && i % shards === shard);
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function report(value: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Two-process runs start together: print `ready`, then wait for the parent's go line. */
async function waitForGo(): Promise<void> {
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line.trim() === 'go') {
      break;
    }
  }
  lines.close();
}

async function importSampleCrm(store: { importCrm(data: never): unknown }): Promise<void> {
  const { validateCrmData } = await import('../../electron/crm/local/validate-crm-data.js');
  const crm = validateCrmData(JSON.parse(readFileSync(path.join('samples', 'CRM.json'), 'utf8')));
  if (!crm.ok) {
    throw new Error(`samples/CRM.json: ${crm.error}`);
  }
  store.importCrm(crm.value as never);
}

async function openPipeline(dir: string, syncTarget: 'local' | 'remote' = 'local') {
  const { createPipeline } = await import('../../electron/core/pipeline.js');
  const { openLocalStore } = await import('../../electron/crm/local/open-local-store.js');
  const { createBlobStore } = await import('../../electron/core/blob-store.js');
  const store = openLocalStore(dir, { syncTarget });
  const blobs = createBlobStore(path.join(dir, 'blobs'), { sync: false });
  return { store, blobs, pipeline: createPipeline({ store, blobs }) };
}

async function simpleParserAll(files: string[]): Promise<void> {
  // eslint-disable-next-line local/import-boundaries -- the bench's anchors are mailparser itself
  const { simpleParser } = await import('mailparser');
  for (const f of files) {
    await simpleParser(readFileSync(f));
  }
}

/** Streaming MailParser over a file stream; attachments drained (read and released), texts kept. */
async function streamParse(file: string, raw: NodeJS.ReadableStream | Buffer): Promise<void> {
  // eslint-disable-next-line local/import-boundaries -- the bench's anchors are mailparser itself
  const { MailParser } = await import('mailparser');
  await new Promise<void>((resolve, reject) => {
    const parser = new MailParser();
    parser.on('data', (data: { type: string; content?: NodeJS.ReadableStream; release?: () => void }) => {
      if (data.type === 'attachment' && data.content !== undefined) {
        data.content.on('data', () => undefined);
        data.content.on('end', () => data.release?.());
      }
    });
    parser.on('end', () => resolve());
    parser.on('error', (e: Error) => reject(new Error(`${file}: ${e.message}`)));
    if (Buffer.isBuffer(raw)) {
      parser.end(raw);
    } else {
      raw.pipe(parser);
    }
  });
}

async function main(): Promise<void> {
  switch (mode) {
    case 'anchor-simple': {
      // anchor-simple LIST [SHARD SHARDS wait]: with shards, two of these at once measure the machine's own
      // two-core scaling on the anchor.
      const files = listFiles(arg(0), Number(args[1] ?? 0), Number(args[2] ?? 1));
      if (args[3] === 'wait') {
        await waitForGo();
      }
      const start = process.hrtime.bigint();
      await simpleParserAll(files);
      report({ n: files.length, seconds: seconds(start) });
      return;
    }
    case 'anchor-stream': {
      const files = listFiles(arg(0));
      const start = process.hrtime.bigint();
      for (const f of files) {
        await streamParse(f, readFileSync(f));
      }
      report({ n: files.length, seconds: seconds(start) });
      return;
    }
    case 'import-crm': {
      const { store } = await openPipeline(arg(0), (args[1] as 'local' | 'remote' | undefined) ?? 'local');
      await importSampleCrm(store);
      store.close();
      report({ ok: true });
      return;
    }
    case 'pipeline': {
      // pipeline STORE LIST WORKERS [remote]: the back-fill's own path (`importPath`, as `import PATH` runs it): commit
      // batches, and with WORKERS > 0 a parse pool of that many worker threads. The files are hard-linked into one
      // folder first (not timed), since importPath reads a folder.
      const files = listFiles(arg(1));
      const workers = Number(arg(2));
      const { store, pipeline } = await openPipeline(arg(0), args[3] === 'remote' ? 'remote' : 'local');
      await importSampleCrm(store);
      const folder = path.join(arg(0), 'mail');
      mkdirSync(folder, { recursive: true });
      files.forEach((f) => linkSync(f, path.join(folder, path.basename(f))));
      const { importPath } = await import('../../electron/intake/folder-intake.js');
      const { createParsePool } = await import('../../electron/core/parse-pool.js');
      const pool = workers > 0 ? createParsePool({ stage: pipeline, blobSync: false, workers }) : undefined;
      await pool?.prepare({ bytes: Buffer.from('From: warm@up.example\r\n\r\nup\r\n') }); // workers started
      const start = process.hrtime.bigint();
      store.beginBatch();
      const summary = await importPath(folder, pipeline, pool === undefined ? {} : { pool });
      store.endBatch();
      const s = seconds(start);
      await pool?.close();
      store.close();
      report({ n: summary.count, seconds: s, statuses: summary.byStatus });
      return;
    }
    case 'rss-simple': {
      // eslint-disable-next-line local/import-boundaries -- the bench's anchors are mailparser itself
      const { simpleParser } = await import('mailparser');
      const start = process.hrtime.bigint();
      await simpleParser(createReadStream(arg(0)));
      report({ seconds: seconds(start) });
      return;
    }
    case 'rss-stream': {
      const start = process.hrtime.bigint();
      await streamParse(arg(0), createReadStream(arg(0)));
      report({ seconds: seconds(start) });
      return;
    }
    case 'rss-pipeline': {
      const { store, pipeline } = await openPipeline(arg(1));
      await importSampleCrm(store);
      const start = process.hrtime.bigint();
      const result = await pipeline.logMessage({ raw: createReadStream(arg(0)), envelope: {}, file: arg(0) });
      const s = seconds(start);
      store.close();
      report({ seconds: s, status: result.status, reasons: result.reasons });
      return;
    }
    case 'lmtp': {
      // lmtp LIST INTERVAL [RESYNC_MS]: with RESYNC_MS, the low-latency mode (mailbox.lowLatency.resyncIntervalMs).
      await lmtpLatency(
        listFiles(arg(0)),
        Number(arg(1)),
        args[2] === undefined ? undefined : Number(args[2]),
      );
      return;
    }
    case 'sync-push': {
      await syncPush(arg(0));
      return;
    }
    default:
      throw new Error(`bench child: unknown mode ${mode ?? '(none)'}`);
  }
}

/**
 * Figure 7: each message delivered over LMTP to a real Dovecot, picked up by the IMAP intake (IDLE, or the
 * low-latency resync), committed by the companion's pipeline (parse pool of one worker). Beside it, the companion's own share: from the moment the intake learned of the
 * message (`onNotice`: the `EXISTS` or the resync that found it) to committed and filed (`onStep` `filed`). A notice
 * says how many more messages the folder holds, and claims are made oldest first, so notices are matched to claims
 * in order; a message the intake found without one (a claim round's SELECT saw it first) counts from its claim.
 */
async function lmtpLatency(files: string[], intervalMs: number, resyncIntervalMs?: number): Promise<void> {
  const { startDovecot, deliverLmtp } = await import('../../test/integration/support/dovecot.js');
  const { openSampleStore, mailboxFor } =
    await import('../../test/integration/support/dovecot-intake-fixture.js');
  const { createImapIntake } = await import('../../electron/intake/imap-intake.js');
  const { startImapCommandCounter } = await import('./imap-command-counter.js');
  const dovecot = await startDovecot({ users: ['log'] });
  const counter = await startImapCommandCounter({ host: dovecot.host, port: dovecot.imapPort });
  const { createPipeline } = await import('../../electron/core/pipeline.js');
  const { createParsePool } = await import('../../electron/core/parse-pool.js');
  const opened = openSampleStore();
  // The companion's own pipeline (start-companion.ts): parse and forward extraction in one worker (C7).
  let pool: { close(): Promise<void> } | undefined;
  const pipeline = createPipeline({
    store: opened.store,
    blobs: opened.blobs,
    parsePool: (stage) => {
      const created = createParsePool({ stage, blobSync: true, workers: 1, extractForward: true });
      pool = created;
      return created;
    },
  });
  const committedAt = new Map<string, number>();
  const notices: number[] = [];
  const noticedAt = new Map<number, number>();
  const ownMs: number[] = [];
  const claimedAt = new Map<number, number>();
  const committedStepAt = new Map<number, number>();
  /** The own share split at the steps: notice → claimed, claimed → committed, committed → filed. */
  const splitMs: [number[], number[], number[]] = [[], [], []];
  let unnoticed = 0;
  let wake: (() => void) | undefined;
  const intake = createImapIntake({
    mailbox: { ...mailboxFor(dovecot), port: counter.port },
    pipeline,
    ...(resyncIntervalMs === undefined ? {} : { resyncIntervalMs }),
    onNotice: ({ added }) => {
      const at = performance.now();
      notices.push(...Array.from({ length: added }, () => at));
    },
    onStep: (step, { uid }) => {
      const at = performance.now();
      if (step === 'claimed') {
        const noticed = notices.shift();
        unnoticed += noticed === undefined ? 1 : 0;
        noticedAt.set(uid, noticed ?? at);
        claimedAt.set(uid, at);
        splitMs[0].push(at - (noticed ?? at));
      } else if (step === 'committed') {
        committedStepAt.set(uid, at);
        splitMs[1].push(at - (claimedAt.get(uid) ?? Number.NaN));
      } else if (step === 'filed') {
        ownMs.push(at - (noticedAt.get(uid) ?? Number.NaN));
        splitMs[2].push(at - (committedStepAt.get(uid) ?? Number.NaN));
        noticedAt.delete(uid);
      }
    },
    onResult: (result) => {
      committedAt.set(result.messageId ?? '', performance.now());
      wake?.();
    },
  });
  try {
    void intake.start();
    // Let the intake connect and reach IDLE before the first delivery.
    await new Promise((r) => setTimeout(r, 1_500));
    // From here on every command is one the messages cost (connect, login and folder setup are behind).
    counter.reset();
    const sentAt = new Map<string, number>();
    const deliveries: Array<Promise<void>> = [];
    for (const f of files) {
      const raw = readFileSync(f);
      const id = /^Message-ID: (<[^>]+>)/im.exec(raw.toString('latin1'))?.[1] ?? f;
      sentAt.set(id, performance.now());
      deliveries.push(
        deliverLmtp(dovecot.lmtpPort, { from: 'ann@corp.example', to: 'log+bcc@corp.example', raw }),
      );
      await new Promise((r) => setTimeout(r, intervalMs));
    }
    await Promise.all(deliveries);
    const deadline = performance.now() + 120_000;
    while ((committedAt.size < files.length || ownMs.length < files.length) && performance.now() < deadline) {
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 1_000);
      });
    }
    const latencies = [...sentAt].map(([id, at]) => (committedAt.get(id) ?? Number.NaN) - at);
    report({
      n: files.length,
      committed: committedAt.size,
      latenciesMs: latencies,
      ownMs,
      splitMs,
      unnoticed,
      imapCommands: counter.counts(),
    });
  } finally {
    await intake.stop();
    await counter.stop();
    await pool?.close();
    opened.close();
    await dovecot.stop();
  }
}

/** Figure 8: a store filled by the pipeline (syncTarget remote) pushed to the HubSpot emulator by the outbox worker. */
async function syncPush(dir: string): Promise<void> {
  const { startHubSpotEmulator } =
    await import('../../test/support/hubspot-emulator/start-hubspot-emulator.js');
  const { createOutboxWorker } = await import('../../electron/sync/outbox-worker.js');
  const { createHubSpotBackend } = await import('../../electron/crm/hubspot/create-hubspot-backend.js');
  const { store, blobs } = await openPipeline(dir, 'remote');
  const emu = await startHubSpotEmulator({ tenSecondly: { max: 190, intervalMs: 10_000 } });
  try {
    const backend = createHubSpotBackend({
      accessToken: emu.token,
      baseUrl: emu.url,
      store,
      blobPath: (sha) => blobs.path(sha),
    });
    const worker = createOutboxWorker({ store, backend, batchSize: 100 });
    const tally = { synced: 0, failed: 0, retried: 0, deferred: 0 };
    const start = process.hrtime.bigint();
    for (;;) {
      const run = await worker.runOnce();
      tally.synced += run.synced;
      tally.failed += run.failed;
      tally.retried += run.retried;
      tally.deferred += run.deferred;
      if (run.claimed > 0) {
        continue;
      }
      const next = run.pausedUntil ?? store.nextOutboxAttemptAt();
      if (next === null) {
        break;
      }
      await new Promise((r) => setTimeout(r, Math.max(10, Date.parse(next) - Date.now())));
    }
    const s = seconds(start);
    report({
      n: tally.synced,
      seconds: s,
      ...tally,
      requests: emu.counts.total,
      limitExceeded: emu.counts.limitExceeded.TEN_SECONDLY_ROLLING,
      peakInWindow: emu.counts.peakInWindow,
      byEndpoint: emu.counts.byEndpoint,
    });
  } finally {
    store.close();
    await emu.stop();
  }
}

await main();
