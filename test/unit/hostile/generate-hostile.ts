import { Readable } from 'node:stream';

/**
 * The big hostile inputs, generated at test time instead of committed (`hostile-cases.ts` gives each its expected
 * outcome). Each is the smallest input that shows the attack; sizes are in the names.
 */

const MiB = 2 ** 20;

function head(id: string, subject: string, extra = ''): string {
  return (
    'From: Ann Smith <ann@corp.example>\r\nTo: Bob Martin <bob.martin@acme.example>\r\n' +
    `Subject: ${subject}\r\nDate: Mon, 02 Mar 2026 10:15:00 +0900\r\n` +
    `Message-ID: <${id}@hostile.example>\r\nMIME-Version: 1.0\r\n${extra}`
  );
}

function nestedMultipart(levels: number): Buffer {
  let open = '';
  let close = '';
  for (let i = 0; i < levels; i += 1) {
    open += `--n${i}\r\nContent-Type: multipart/mixed; boundary="n${i + 1}"\r\n\r\n`;
    close = `--n${i}--\r\n${close}`;
  }
  return Buffer.from(
    head(
      `nested-multipart-${levels}`,
      `${levels} nested multiparts`,
      'Content-Type: multipart/mixed; boundary="n0"\r\n',
    ) + `\r\n${open}--n${levels}\r\nContent-Type: text/plain\r\n\r\ndeep\r\n--n${levels}--\r\n${close}`,
  );
}

function nestedRfc822(levels: number): Buffer {
  const id = `nested-rfc822-${levels}`;
  let inner = 'From: Bob Martin <bob.martin@acme.example>\r\nSubject: innermost\r\n\r\ninnermost\r\n';
  for (let i = 0; i < levels; i += 1) {
    inner =
      `From: Bob Martin <bob.martin@acme.example>\r\nSubject: level ${i}\r\nMIME-Version: 1.0\r\n` +
      `Content-Type: message/rfc822\r\n\r\n${inner}`;
  }
  return Buffer.from(
    head(id, `${levels} nested messages`, 'Content-Type: message/rfc822\r\n') + `\r\n${inner}`,
  );
}

function siblingParts(count: number): Buffer {
  const part = '--s\r\n\r\n';
  return Buffer.from(
    head('sibling-parts', `${count} sibling parts`, 'Content-Type: multipart/mixed; boundary="s"\r\n') +
      `\r\n${part.repeat(count)}--s--\r\n`,
  );
}

/** Addresses joined as a mail client folds them: lines of about 76 characters. */
function fold(addresses: ReadonlyArray<string>): string {
  const lines: string[] = [];
  let line = '';
  for (const address of addresses) {
    if (line !== '' && line.length + address.length > 74) {
      lines.push(`${line},`);
      line = address;
    } else {
      line = line === '' ? address : `${line}, ${address}`;
    }
  }
  return [...lines, line].join('\r\n ');
}

function recipients(count: number, onePerLine = false): Buffer {
  const to = ['Bob Martin <bob.martin@acme.example>'];
  for (let i = 0; i < count - 1; i += 1) {
    to.push(`p${i}@bulk${i % 50}.example`);
  }
  return Buffer.from(
    head(`recipients-${count}${onePerLine ? '-lines' : ''}`, `${count} recipients`).replace(
      /^To: .*\r\n/m,
      `To: ${onePerLine ? to.join(',\r\n ') : fold(to)}\r\n`,
    ) + 'Content-Type: text/plain\r\n\r\nHello everyone.\r\n',
  );
}

function attachment(id: string, bytes: number): Buffer {
  const content = Buffer.alloc(bytes, 0x41).toString('base64').replace(/.{76}/g, '$&\r\n');
  return Buffer.from(
    head(id, `Attachment of ${bytes} bytes`, 'Content-Type: multipart/mixed; boundary="b"\r\n') +
      '\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--b\r\nContent-Type: application/octet-stream\r\n' +
      `Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="${id}.bin"\r\n\r\n` +
      `${content}\r\n--b--\r\n`,
  );
}

/** HTML built to hurt a converter: thousands of unclosed nested blocks, quotes never closed, entity soup. */
function hostileHtml(bytes: number): string {
  const unit = '<blockquote type=cite><div class="gmail_quote x<y"><p>&amp;&#x1F600;&#99999999;&bogus;<br';
  return `<html><body>${unit.repeat(Math.ceil(bytes / unit.length))}`;
}

/** A source that sends a header and then never another byte, never ending (a stalled connection). */
function stalled(): Readable {
  const stream = new Readable({ read: () => undefined });
  stream.push(head('stalled', 'Stalled source', 'Content-Type: text/plain\r\n'));
  return stream;
}

/** A source that never ends: 64 KiB chunks of body text for ever, as fast as they are read. */
function endless(): Readable {
  const chunk = Buffer.from('x'.repeat(64 * 1024 - 2) + '\r\n');
  let first = true;
  return new Readable({
    read() {
      this.push(
        first
          ? Buffer.from(head('endless', 'Endless source', 'Content-Type: text/plain\r\n') + '\r\n')
          : chunk,
      );
      first = false;
    },
  });
}

export const generators: Readonly<Record<string, () => Buffer | Readable>> = {
  'nested-multipart-200': () => nestedMultipart(200),
  'nested-multipart-1000': () => nestedMultipart(1000),
  'nested-rfc822-60': () => nestedRfc822(60),
  'nested-rfc822-20000': () => nestedRfc822(20_000),
  'sibling-parts-100000': () => siblingParts(100_000),
  'header-line-1mb': () =>
    Buffer.from(head('header-1mb', 'S'.repeat(1_000_000)) + 'Content-Type: text/plain\r\n\r\nbody\r\n'),
  'header-line-2mib': () =>
    Buffer.from(head('header-2mib', 'S'.repeat(2 * MiB)) + 'Content-Type: text/plain\r\n\r\nbody\r\n'),
  'headers-10000': () =>
    Buffer.from(
      head('headers-10000', '10,000 header fields', 'X-Junk: junk\r\n'.repeat(10_000)) +
        'Content-Type: text/plain\r\n\r\nbody\r\n',
    ),
  'encoded-words-10000': () =>
    Buffer.from(
      head('encoded-words', Array.from({ length: 10_000 }, () => '=?utf-8?B?w6k=?=').join(' ')) +
        'Content-Type: text/plain\r\n\r\nbody\r\n',
    ),
  'recipients-20000': () => recipients(20_000),
  'recipients-20000-one-per-line': () => recipients(20_000, true),
  'text-2mb': () =>
    Buffer.from(
      head('text-2mb', 'A 2 MB text part', 'Content-Type: text/plain; charset=utf-8\r\n') +
        '\r\n' +
        'All work and no play makes Jack a dull boy. '.repeat(50_000).replace(/(.{900})/g, '$1\r\n'),
    ),
  'text-one-line-3mb': () =>
    Buffer.from(
      head('text-line-3mb', 'One 3 MB line', 'Content-Type: text/plain\r\n') + '\r\n' + 'y'.repeat(3_000_000),
    ),
  'html-2mb-hostile': () =>
    Buffer.from(
      head('html-2mb', 'A 2 MB hostile HTML part', 'Content-Type: text/html; charset=utf-8\r\n') +
        '\r\n' +
        hostileHtml(2_000_000).replace(/(.{900})/g, '$1\r\n'),
    ),
  'attachment-at-limit': () => attachment('at-limit', MiB),
  'attachment-over-limit': () => attachment('over-limit', MiB + 1),
  'message-over-max-bytes': () => attachment('over-max', 300 * 1024),
  'stalled-source': stalled,
  'endless-source': endless,
};
