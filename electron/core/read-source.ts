import { createReadStream, readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { ParseSource } from './parse-pool-protocol.js';
import { KEEP_IN_MEMORY_BYTES } from './prepare-message.js';

/** The raw bytes of a back-fill source, for `prepareMessage` / `logMessage`. */
export function readSource(source: ParseSource): Readable | Buffer {
  if ('bytes' in source) {
    return Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength);
  }
  // A message small enough to be kept in memory anyway is read in one call: a read stream costs about as much per
  // message as parsing a small one (212 vs 282 msgs/s over 3,000 files, docs/performance.md).
  return source.size <= KEEP_IN_MEMORY_BYTES ? readFileSync(source.path) : createReadStream(source.path);
}
