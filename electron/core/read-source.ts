import { createReadStream, readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { ParseSource } from './parse-pool-protocol.js';

/**
 * Up to this size a message file is read whole, in one call: a read stream costs about as much per message as
 * parsing a small one (measured: 212 vs 390 msgs/s over 3,000 small files, docs/performance.md). Larger files
 * are streamed, so memory stays flat in message size.
 */
const READ_WHOLE_MAX_BYTES = 1024 * 1024;

/** The raw bytes of a back-fill source, for `prepareMessage` / `logMessage`. */
export function readSource(source: ParseSource): Readable | Buffer {
  if ('bytes' in source) {
    return Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength);
  }
  return source.size <= READ_WHOLE_MAX_BYTES ? readFileSync(source.path) : createReadStream(source.path);
}
