import type { Readable } from 'node:stream';

/**
 * Splits an mbox into its messages, byte for byte. A message starts at a `From ` line at the start of the file or
 * after an empty line (the separator line itself is not part of the message, nor is the empty line before the
 * next one). Body lines that the writer escaped as `>From `, `>>From `… (mboxrd) lose one `>`; with mboxo, where
 * only `From ` was escaped, this also turns a written `>From ` into `From `, the usual and accepted loss.
 *
 * A message over `maxMessageBytes` is cut at `maxMessageBytes + 1` bytes, so memory stays bounded and the parser,
 * whose limit is the same, rejects it as `message-too-large` (R3) instead of this splitter failing.
 */
export async function* splitMbox(source: Readable, maxMessageBytes: number): AsyncGenerator<Buffer> {
  let message: Buffer[] | null = null;
  let size = 0;
  let previousBlank = true;
  /** An empty line held back: it is the separator's when a `From ` line follows. */
  let heldBlank: Buffer | null = null;
  let carry: Buffer = Buffer.alloc(0);

  const append = (line: Buffer): void => {
    if (message === null || size > maxMessageBytes) {
      return;
    }
    const room = maxMessageBytes + 1 - size;
    const kept = line.length > room ? line.subarray(0, room) : line;
    message.push(kept);
    size += kept.length;
  };
  const take = (): Buffer | null => {
    const done = message === null ? null : Buffer.concat(message);
    message = [];
    size = 0;
    return done;
  };

  function* onLine(line: Buffer): Generator<Buffer> {
    const blank = line.length === 0 || isBlank(line);
    if (previousBlank && line.subarray(0, 5).toString('latin1') === 'From ') {
      heldBlank = null;
      const done = take();
      if (done !== null && done.length > 0) {
        yield done;
      }
    } else {
      if (heldBlank !== null) {
        append(heldBlank);
        heldBlank = null;
      }
      if (blank) {
        heldBlank = line;
      } else {
        append(/^>+From /.test(line.subarray(0, 64).toString('latin1')) ? line.subarray(1) : line);
      }
    }
    previousBlank = blank;
  }

  for await (const chunk of source) {
    let data = carry.length > 0 ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    let newline = data.indexOf(0x0a);
    while (newline !== -1) {
      yield* onLine(data.subarray(0, newline + 1));
      data = data.subarray(newline + 1);
      newline = data.indexOf(0x0a);
    }
    carry = Buffer.from(data);
  }
  if (carry.length > 0) {
    yield* onLine(carry);
  }
  // The file's last empty line is the end of the last message's separator, not its content.
  const last = take();
  if (last !== null && last.length > 0) {
    yield last;
  }
}

function isBlank(line: Buffer): boolean {
  return line.length <= 2 && (line.toString('latin1') === '\n' || line.toString('latin1') === '\r\n');
}
