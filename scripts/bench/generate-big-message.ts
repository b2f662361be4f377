import { createCipheriv, createHash } from 'node:crypto';
import { createWriteStream, existsSync, renameSync } from 'node:fs';
import { once } from 'node:events';

/**
 * Writes (once; reused when present) one message with a single `attachmentBytes` attachment of pseudo-random,
 * incompressible bytes (an AES-CTR keystream seeded by the size), base64 in 76-column lines, streamed to disk so the
 * generator never holds the attachment in memory.
 */
export async function generateBigMessage(
  file: string,
  attachmentBytes: number,
  label = String(attachmentBytes),
): Promise<string> {
  if (existsSync(file)) {
    return file;
  }
  const key = createHash('sha256').update(`bench-attachment-${label}`).digest().subarray(0, 16);
  const cipher = createCipheriv('aes-128-ctr', key, Buffer.alloc(16));
  const temp = `${file}.part`;
  const out = createWriteStream(temp);
  const write = async (chunk: string | Buffer): Promise<void> => {
    if (!out.write(chunk)) {
      await once(out, 'drain');
    }
  };
  const boundary = '=_bench_big';
  await write(
    [
      'From: Ann Smith <ann@corp.example>',
      'To: Bob Martin <bob.martin@acme.example>',
      // The label makes each message its own (R2 would take same-subject, same-date messages for one).
      `Subject: Contract documents ${label} (${Math.round(attachmentBytes / 2 ** 20)} MB)`,
      'Date: Thu, 01 Jan 2026 09:00:00 +0000',
      `Message-ID: <bench-big-${label}@corp.example>`,
      'Delivered-To: log+bcc@corp.example',
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Please find the signed contract attached.',
      `--${boundary}`,
      'Content-Type: application/pdf; name="contract.pdf"',
      'Content-Disposition: attachment; filename="contract.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      '',
    ].join('\r\n'),
  );
  // 57 raw bytes make one 76-character base64 line; chunks of 57 × 4096 bytes.
  const chunkBytes = 57 * 4096;
  for (let done = 0; done < attachmentBytes; done += chunkBytes) {
    const bytes = cipher.update(Buffer.alloc(Math.min(chunkBytes, attachmentBytes - done)));
    const lines = (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
    await write(`${lines}\r\n`);
  }
  await write(`--${boundary}--\r\n`);
  out.end();
  await once(out, 'finish');
  renameSync(temp, file);
  return file;
}
