// A parse worker (parse-pool.ts): runs stage 1 of the pipeline (`prepareMessage`) for the thread that owns the
// store, on its own core. It writes into the same blob store folder, which is safe: blobs are content-addressed
// and moved into place atomically.
import { parentPort, workerData } from 'node:worker_threads';
import { createBlobStore } from './blob-store.js';
import type { ParseJob, ParseReply, ParseWorkerData } from './parse-pool-protocol.js';
import { prepareMessage } from './prepare-message.js';
import { readSource } from './read-source.js';

const data = workerData as ParseWorkerData;
const blobs = createBlobStore(data.blobDir, { sync: data.blobSync });
const port = parentPort;
if (port === null) {
  throw new Error('parse-worker.ts runs only as a worker thread (parse-pool.ts)');
}

port.on('message', (job: ParseJob) => {
  // A file that vanished or cannot be read is the caller's to report: it retries in-process, which says why.
  let raw;
  try {
    raw = readSource(job.source);
  } catch (error) {
    port.postMessage({ id: job.id, error: String(error) } satisfies ParseReply);
    return;
  }
  prepareMessage(raw, blobs, data.limits).then(
    (prepared) => port.postMessage({ id: job.id, prepared } satisfies ParseReply),
    (error: unknown) => port.postMessage({ id: job.id, error: String(error) } satisfies ParseReply),
  );
});
