import { parentPort } from 'node:worker_threads';
import { extractForwardedBlock } from '#shared/forward/extract-forwarded-block.js';
import { extractQuotedHistory } from '#shared/forward/extract-quoted-history.js';
import { htmlToText } from '#shared/forward/html-to-text.js';

/** Runs the forward extractor on what the test sends, in a thread the test can terminate if it never returns. */
parentPort?.on('message', (input: { text: string | null; html: string | null; subject: string | null }) => {
  try {
    extractForwardedBlock({ ...input, dateOffsetMinutes: 540 });
    extractQuotedHistory({ ...input, dateOffsetMinutes: 540 }, () => false);
    if (input.html !== null) {
      htmlToText(input.html);
    }
    parentPort?.postMessage({ ok: true });
  } catch (error) {
    parentPort?.postMessage({ ok: false, error: error instanceof Error ? error.stack : String(error) });
  }
});
