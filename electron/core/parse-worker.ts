// A parse worker (parse-pool.ts): runs stage 1 of the pipeline (`prepareMessage`) for the thread that owns the
// store, on its own core, and the forward extraction with it when asked (C7). It writes into the same blob
// store folder, which is safe: blobs are content-addressed and moved into place atomically.
import { parentPort, workerData } from 'node:worker_threads';
import { createBlobStore } from './blob-store.js';
import type { ParseJob, ParseReply, ParseWorkerData } from './parse-pool-protocol.js';
import { keepRaw, parseKept, withForwardExtraction, type PreparedMessage } from './prepare-message.js';
import { readSource } from './read-source.js';

const data = workerData as ParseWorkerData;
const blobs = createBlobStore(data.blobDir, { sync: data.blobSync });
const port = parentPort;
if (port === null) {
  throw new Error('parse-worker.ts runs only as a worker thread (parse-pool.ts)');
}

async function prepare(job: ParseJob): Promise<PreparedMessage> {
  if ('kept' in job) {
    return parseKept(job.kept, blobs, data.limits);
  }
  const kept = await keepRaw(readSource(job.source), blobs, data.limits, data.smallRawInCommit);
  if ('kind' in kept) {
    return kept;
  }
  // A parse abandoned from now on is quarantined with this blob; bytes without a file the pool reads again itself.
  if (kept.path !== null) {
    port?.postMessage({ id: job.id, stored: kept.sha256 } satisfies ParseReply);
  }
  return parseKept(kept, blobs, data.limits);
}

port.on('message', (job: ParseJob) => {
  port.postMessage({ id: job.id, started: true } satisfies ParseReply);
  // A file that vanished or cannot be read is the caller's to report: it retries in-process, which says why.
  prepare(job)
    .then((result) => (data.extractForward ? withForwardExtraction(result) : result))
    .then(
      (result) => port.postMessage({ id: job.id, prepared: result } satisfies ParseReply),
      (error: unknown) => port.postMessage({ id: job.id, error: String(error) } satisfies ParseReply),
    );
});
