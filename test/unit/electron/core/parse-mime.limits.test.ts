import { createHash, randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobStoreError } from '../../../../electron/core/blob-store-error.js';
import { createBlobStore } from '../../../../electron/core/blob-store.js';
import type { BlobStore } from '../../../../electron/core/blob-store.js';
import { parseMime, parseMimeDetailed } from '../../../../electron/core/parse-mime.js';
import { crlf, listFiles, listTempFiles, makeTempDir, sha256 } from './support.js';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let blobs: BlobStore;

beforeEach(async () => {
  temp = await makeTempDir();
  blobs = createBlobStore(temp.dir);
});

afterEach(async () => {
  await temp.remove();
});

const MiB = 1024 * 1024;

function attachmentHead(boundary = 'b'): Buffer {
  return crlf(
    `From: Ann <ann@corp.example>\nTo: bob@acme.example\nSubject: Big file\nMessage-ID: <big@corp.example>\n` +
      `MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="${boundary}"\n\n--${boundary}\n` +
      `Content-Type: text/plain\n\nSee attached.\n--${boundary}\n` +
      `Content-Type: application/octet-stream; name="big.bin"\nContent-Transfer-Encoding: base64\n` +
      `Content-Disposition: attachment; filename="big.bin"\n\n`,
  );
}

/** `lines` base64 lines of 76 characters (57 random bytes each), CRLF-terminated. */
function base64Lines(lines: number): { encoded: Buffer; decoded: Buffer } {
  const decoded = randomBytes(57 * lines);
  const text = decoded.toString('base64').replace(/.{76}/g, '$&\r\n');
  return { encoded: Buffer.from(text), decoded };
}

/**
 * A message with one attachment of `size` bytes, generated chunk by chunk and never held whole; the hash of the
 * decoded attachment is known once the stream has ended.
 */
function generatedMessage(
  size: number,
  atThreeQuarters?: (decodedSoFar: number) => Promise<void>,
): { stream: Readable; expected: () => { sha256: string; size: number } } {
  const hash = createHash('sha256');
  const chunkLines = 1024; // 57 KiB decoded per chunk, a multiple of 3 bytes so chunks encode independently
  const chunks = Math.ceil(size / (57 * chunkLines));
  let total = 0;
  async function* generate(): AsyncGenerator<Buffer> {
    yield attachmentHead();
    for (let i = 0; i < chunks; i += 1) {
      if (i === Math.floor((chunks * 3) / 4)) {
        await atThreeQuarters?.(total);
      }
      const { encoded, decoded } = base64Lines(chunkLines);
      hash.update(decoded);
      total += decoded.length;
      yield encoded;
    }
    yield crlf('--b--\n');
  }
  return {
    stream: Readable.from(generate(), { objectMode: false }),
    expected: () => ({ sha256: hash.digest('hex'), size: total }),
  };
}

/** Bytes in the blob store's temp files now. */
async function tempBytes(storeDir: string): Promise<number> {
  const sizes = await Promise.all(
    (await listTempFiles(storeDir)).map(async (file) => (await stat(path.join(storeDir, file))).size),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}

/** A stream that delivers `head` and then stalls, never ending (a stuck IMAP fetch). */
function stalledStream(head: Buffer): PassThrough {
  const stream = new PassThrough();
  stream.write(head);
  return stream;
}

describe('parseMime limits', () => {
  it('streams a 40 MB attachment into the blob store without holding it in memory', async () => {
    let stored = { decoded: 0, onDisk: 0 };
    const { stream, expected } = generatedMessage(40 * MiB, async (decoded) => {
      stored = { decoded, onDisk: await tempBytes(temp.dir) };
    });
    const before = process.memoryUsage();
    let peak = 0;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peak = Math.max(peak, now.heapUsed + now.arrayBuffers - before.heapUsed - before.arrayBuffers);
    }, 5);
    let result;
    try {
      result = await parseMime(stream, { blobs });
    } finally {
      clearInterval(sampler);
    }
    const { sha256: hash, size } = expected();

    expect(result.ok && result.value.attachments).toEqual([
      { filename: 'big.bin', contentType: 'application/octet-stream', size, sha256: hash },
    ]);
    expect((await stat(blobs.path(hash))).size).toBe(size);
    expect(await listTempFiles(temp.dir)).toEqual([]);
    // Streaming: three quarters into the input, what was decoded so far is already on disk (less what is in
    // flight in the stream buffers).
    expect(stored.onDisk).toBeGreaterThan(stored.decoded - 4 * MiB);
    // Buffering the attachment (54 MiB encoded + 40 MiB decoded, as simpleParser does) would exceed this; the
    // streaming parse measures about 40 MiB here, most of it garbage not yet collected.
    expect(peak).toBeLessThan(80 * MiB);
  });

  it('R3: stops reading at maxMessageBytes (message-too-large), destroys the input and leaves no temp file', async () => {
    const { stream } = generatedMessage(8 * MiB);
    const result = await parseMime(stream, { blobs, limits: { maxMessageBytes: 2 * MiB } });

    expect(result).toEqual({
      ok: false,
      error: { reason: 'message-too-large', detail: `the message is over the limit of ${2 * MiB} bytes` },
    });
    expect(stream.destroyed).toBe(true);
    expect(await listTempFiles(temp.dir)).toEqual([]);
  });

  it('R3: a buffer over maxMessageBytes is refused before parsing', async () => {
    const result = await parseMime(crlf('From: a@corp.example\n\n' + 'x'.repeat(200)), {
      blobs,
      limits: { maxMessageBytes: 100 },
    });
    expect(result).toEqual({
      ok: false,
      error: { reason: 'message-too-large', detail: 'the message is over the limit of 100 bytes' },
    });
  });

  it('R3: abandons a stalled parse mid-attachment (parse-timeout), destroys the input and leaves no temp file', async () => {
    const input = stalledStream(Buffer.concat([attachmentHead(), base64Lines(2000).encoded]));
    const result = await parseMime(input, { blobs, limits: { parseTimeoutMs: 200 } });

    expect(result).toEqual({
      ok: false,
      error: { reason: 'parse-timeout', detail: 'not parsed within 200 ms' },
    });
    expect(input.destroyed).toBe(true);
    expect(await listFiles(temp.dir)).toEqual([]);
  });

  it('R3: a stall inside an attached message times out the whole parse and leaves no temp file', async () => {
    const input = stalledStream(
      Buffer.concat([
        crlf(
          'From: a@corp.example\nContent-Type: multipart/mixed; boundary="b"\n\n--b\n' +
            'Content-Type: message/rfc822\n\nFrom: s@acme.example\nContent-Type: multipart/mixed; boundary="i"\n\n' +
            '--i\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n',
        ),
        base64Lines(2000).encoded,
      ]),
    );
    expect(await parseMime(input, { blobs, limits: { parseTimeoutMs: 200 } })).toEqual({
      ok: false,
      error: { reason: 'parse-timeout', detail: 'not parsed within 200 ms' },
    });
    expect(await listTempFiles(temp.dir)).toEqual([]);
  });

  it('parses a buffer larger than one write the same as a stream', async () => {
    const { encoded, decoded } = base64Lines(20_000); // 1.1 MB decoded
    const result = await parseMime(Buffer.concat([attachmentHead(), encoded, crlf('--b--\n')]), { blobs });
    expect(result.ok && result.value.attachments).toEqual([
      {
        filename: 'big.bin',
        contentType: 'application/octet-stream',
        size: decoded.length,
        sha256: sha256(decoded),
      },
    ]);
  });

  it('R3: a stalled input before the headers end also times out', async () => {
    const input = stalledStream(crlf('From: a@corp.example\nSubject: never ends'));
    expect(await parseMime(input, { blobs, limits: { parseTimeoutMs: 50 } })).toEqual({
      ok: false,
      error: { reason: 'parse-timeout', detail: 'not parsed within 50 ms' },
    });
  });

  it('R3: multipart nesting over maxMimeDepth is malformed-message', async () => {
    let head = 'From: a@corp.example\nSubject: deep\n';
    let tail = '';
    for (let level = 0; level < 60; level += 1) {
      head += `Content-Type: multipart/mixed; boundary="b${level}"\n\n--b${level}\n`;
      tail = `\n--b${level}--${tail}`;
    }
    const message = crlf(`${head}Content-Type: text/plain\n\nleaf${tail}\n`);
    expect(await parseMime(message, { blobs })).toEqual({
      ok: false,
      error: { reason: 'malformed-message', detail: 'MIME nesting of 61 levels is over the limit of 50' },
    });
  });

  it('R3: nesting of attached messages counts towards maxMimeDepth', async () => {
    let message = 'From: z@x.example\nSubject: innermost\n\nbody\n';
    for (let level = 0; level < 6; level += 1) {
      message = `From: l${level}@x.example\nSubject: level ${level}\nContent-Type: message/rfc822\n\n${message}`;
    }
    expect(await parseMime(crlf(message), { blobs, limits: { maxMimeDepth: 5 } })).toEqual({
      ok: false,
      error: {
        reason: 'malformed-message',
        detail: 'attached messages nest deeper than the limit of 5 levels',
      },
    });
    expect(await listTempFiles(temp.dir)).toEqual([]);
  });

  it('R3: more parts than maxMimeParts is malformed-message', async () => {
    const parts = Array.from({ length: 30 }, () => '--b\nContent-Type: text/plain\n\nx\n').join('');
    const result = await parseMime(
      crlf(`From: a@corp.example\nContent-Type: multipart/mixed; boundary="b"\n\n${parts}--b--\n`),
      { blobs, limits: { maxMimeParts: 10 } },
    );
    expect(result.ok === false && result.error.reason).toBe('malformed-message');
  });

  it('R3: a header block over maxHeaderBytes is malformed-message', async () => {
    const result = await parseMime(crlf(`From: a@corp.example\nSubject: ${'x'.repeat(5000)}\n\nbody\n`), {
      blobs,
      limits: { maxHeaderBytes: 1024 },
    });
    expect(result.ok === false && result.error.reason).toBe('malformed-message');
  });

  it('keeps attached messages over maxAttachedMessages as attachments only, with a defect', async () => {
    const attached = (n: number): string =>
      `--b\nContent-Type: message/rfc822\nContent-Disposition: attachment; filename="m${n}.eml"\n\n` +
      `From: s${n}@acme.example\nSubject: original ${n}\n\nbody ${n}\n`;
    const result = await parseMimeDetailed(
      crlf(
        `From: a@corp.example\nContent-Type: multipart/mixed; boundary="b"\n\n${attached(1)}${attached(2)}--b--\n`,
      ),
      { blobs, limits: { maxAttachedMessages: 1 } },
    );
    expect(
      result.ok && {
        attachments: result.value.message.attachments.map((a) => a.filename),
        attachedSubjects: result.value.message.attachedMessages.map((m) => m.subject),
        defects: result.value.defects,
      },
    ).toEqual({
      attachments: ['m1.eml', 'm2.eml'],
      attachedSubjects: ['original 1'],
      defects: [
        {
          kind: 'attached-messages-over-limit',
          detail: 'more than 1 attached messages: kept as attachments only',
        },
      ],
    });
  });

  it('F9: an attached message that is not a message stays an attachment, with a defect; the outer message parses', async () => {
    const garbage = Buffer.alloc(200_000, 0xff); // larger than stream buffers: the tee must not stall
    const result = await parseMimeDetailed(
      Buffer.concat([
        crlf(
          'From: a@corp.example\nSubject: fwd\nContent-Type: multipart/mixed; boundary="b"\n\n--b\n' +
            'Content-Type: text/plain\n\nhi\n--b\nContent-Type: message/rfc822\n\n',
        ),
        garbage,
        crlf('\n--b--\n'),
      ]),
      { blobs },
    );
    expect(
      result.ok && {
        text: result.value.message.text,
        attachments: result.value.message.attachments,
        attachedMessages: result.value.message.attachedMessages,
        defects: result.value.defects,
      },
    ).toEqual({
      text: 'hi',
      attachments: [
        {
          filename: 'attachment-1.eml',
          contentType: 'message/rfc822',
          size: garbage.length,
          sha256: sha256(garbage),
        },
      ],
      attachedMessages: [],
      defects: [
        {
          kind: 'attached-message-unreadable',
          detail: `attached message ${sha256(garbage)}: no RFC 5322 header fields: the input is not an email message`,
        },
      ],
    });
  });

  it('rejects with the BlobStoreError when the disk fails (the caller reports storage-error)', async () => {
    const enospc = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    const failing: BlobStore = {
      ...blobs,
      put: async (source) => {
        for await (const chunk of source) {
          void chunk;
          throw new BlobStoreError('Blob store: cannot write the temp file', { cause: enospc });
        }
        throw new Error('unreachable');
      },
    };
    const { stream } = generatedMessage(1 * MiB);
    await expect(parseMime(stream, { blobs: failing })).rejects.toMatchObject({
      name: 'BlobStoreError',
      code: 'ENOSPC',
    });
  });

  it('rejects with the input error when the input stream itself fails', async () => {
    const input = new PassThrough();
    input.write(crlf('From: a@corp.example\n'));
    setTimeout(() => input.destroy(new Error('connection reset')), 10);
    await expect(parseMime(input, { blobs })).rejects.toThrow('connection reset');
  });

  it('writes only inside the blob store', async () => {
    const { stream } = generatedMessage(1 * MiB);
    await parseMime(stream, { blobs });
    const files = await listFiles(temp.dir);
    expect(files.every((file) => /^[0-9a-f]{2}\/[0-9a-f]{62}$/.test(file.split(path.sep).join('/')))).toBe(
      true,
    );
  });
});
