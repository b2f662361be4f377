import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Bump when the generator changes, so a cached corpus from an older generator is never reused. */
export const smallCorpusVersion = 2;

/** A small deterministic PRNG (mulberry32): the same seed gives byte-identical corpora across runs. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = (
  'renewal proposal pricing quote meeting agenda schedule contract volume delivery invoice review ' +
  'café naïve Grüße déjà façade señor Zürich Ærø'
).split(' ');

const japanese = [
  'お世話になっております。',
  '来週の打ち合わせの件でご連絡いたします。',
  '見積書を添付いたしましたので、ご確認ください。',
  '契約更新の条件について、社内で検討しております。',
  '納期は来月末を予定しております。',
  '価格改定のご案内をお送りいたします。',
  'ご不明な点がございましたら、お気軽にお問い合わせください。',
  '引き続きよろしくお願いいたします。',
  '請求書の発行日を変更させていただきます。',
  '新製品のデモを御社にて実施したいと考えております。',
  '議事録を共有いたします。',
  '担当者が変更になりましたのでお知らせいたします。',
];

/** Known CRM contacts (samples/CRM.json) and unknown ones, so matching and contact creation both run. */
const knownContacts = [
  'Bob Martin <bob.martin@acme.example>',
  'Pat Lee <pat.lee@acme.example>',
  'Maria Garcia <maria.garcia@initech.example>',
  'Omar Haddad <omar.haddad@globex.example>',
  '=?UTF-8?B?6Yi05pyoIOS4gOmDjg==?= <ichiro.suzuki@sakura.example>',
];

type Charset = 'utf8-qp' | 'utf8-8bit' | 'utf8-base64' | 'iso-2022-jp' | 'shift_jis';

/** Converts UTF-8 text with the system iconv (a child process), as a Japanese mail client's output would be. */
function iconv(text: string, to: string): Buffer {
  return execFileSync('/usr/bin/iconv', ['-f', 'UTF-8', '-t', to], { input: Buffer.from(text, 'utf8') });
}

/** Each Japanese line converted once (iconv ends every conversion in ASCII, so the lines concatenate safely). */
type JapaneseLines = { readonly iso2022jp: Buffer[]; readonly sjis: Buffer[] };

function convertJapanese(): JapaneseLines {
  return {
    iso2022jp: japanese.map((line) => iconv(line, 'ISO-2022-JP')),
    sjis: japanese.map((line) => iconv(line, 'SHIFT_JIS')),
  };
}

function base64Lines(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

/** Quoted-printable (RFC 2045) of UTF-8 text with CRLF line breaks, soft-wrapped at 76. */
function quotedPrintable(text: string): string {
  return text
    .split('\r\n')
    .map((line) => {
      let out = '';
      let width = 0;
      for (const byte of Buffer.from(line, 'utf8')) {
        const plain = byte >= 33 && byte <= 126 && byte !== 61;
        const token =
          plain || byte === 32
            ? String.fromCharCode(byte)
            : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
        if (width + token.length > 75) {
          out += '=\r\n';
          width = 0;
        }
        out += token;
        width += token.length;
      }
      return out.endsWith(' ') ? `${out.slice(0, -1)}=20` : out;
    })
    .join('\r\n');
}

function pickCharset(r: number): Charset {
  if (r < 0.24) {
    return 'utf8-qp';
  }
  if (r < 0.48) {
    return 'utf8-8bit';
  }
  if (r < 0.72) {
    return 'utf8-base64';
  }
  if (r < 0.88) {
    return 'iso-2022-jp';
  }
  return 'shift_jis';
}

/** One small multipart/alternative BCC log (5–20 KB) from ann@corp.example in one of five body encodings. */
function smallMessage(i: number, next: () => number, jp: JapaneseLines): Buffer {
  const target = 5_000 + Math.floor(next() * 15_000);
  const charset = pickCharset(next());
  const pick = (): string => words[Math.floor(next() * words.length)] ?? 'note';
  const recipients = 1 + Math.floor(next() * 3);
  const addresses = Array.from({ length: recipients }, () =>
    next() < 0.6
      ? (knownContacts[Math.floor(next() * knownContacts.length)] ?? '')
      : `Contact ${Math.floor(next() * 500)} <contact${Math.floor(next() * 500)}@customer${Math.floor(next() * 40)}.example>`,
  );
  const date = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toUTCString().replace('GMT', '+0000');
  const boundary = `=_bench_${i}_${Math.floor(next() * 1e9).toString(36)}`;
  const japaneseMail = charset === 'iso-2022-jp' || charset === 'shift_jis';
  const subject = japaneseMail
    ? charset === 'iso-2022-jp'
      ? `=?ISO-2022-JP?B?${iconvSubject(jp, i)}?= #${i}`
      : `=?UTF-8?B?${Buffer.from(`${japanese[i % japanese.length] ?? ''} #${i}`).toString('base64')}?=`
    : `=?UTF-8?Q?${encodeWordQ(`${pick()} ${pick()}`)}?= #${i}`;
  const headers = [
    `Received: from mail.corp.example (mail.corp.example [192.0.2.${i % 250}]) by mx.corp.example with ESMTPS id b${i}; ${date}`,
    `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=corp.example; s=s1; h=from:to:subject:date; bh=${Buffer.from(String(i)).toString('base64')}; b=${'A'.repeat(172)}`,
    'From: Ann Smith <ann@corp.example>',
    `To: ${addresses.join(', ')}`,
    next() < 0.3 ? `Cc: Other ${i % 7} <other${i % 7}@customer${i % 5}.example>` : null,
    `Subject: ${subject}`,
    `Date: ${date}`,
    `Message-ID: <bench-${i}@corp.example>`,
    'Delivered-To: log+bcc@corp.example',
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ].filter((l): l is string => l !== null);

  // Bodies: text and HTML of about the same length, each roughly half the target size.
  const lines: Buffer[] = [];
  let size = headers.join('\r\n').length;
  const textParts: Buffer[] = [];
  const htmlParts: Buffer[] = [];
  while (size < target) {
    let text: Buffer;
    if (japaneseMail) {
      const idx = Math.floor(next() * japanese.length);
      text = (charset === 'iso-2022-jp' ? jp.iso2022jp[idx] : jp.sjis[idx]) ?? Buffer.alloc(0);
    } else {
      text = Buffer.from(Array.from({ length: 12 }, pick).join(' '), 'utf8');
    }
    textParts.push(text);
    htmlParts.push(Buffer.concat([Buffer.from('<p>'), text, Buffer.from('</p>')]));
    size += japaneseMail ? text.length * (charset === 'shift_jis' ? 2.7 : 2) + 14 : text.length * 2.4 + 14;
  }
  const crlf = Buffer.from('\r\n');
  const joinLines = (parts: Buffer[]): Buffer =>
    Buffer.concat(parts.flatMap((p, k) => (k === 0 ? [p] : [crlf, p])));
  const htmlBody = Buffer.concat([
    Buffer.from('<html><body>\r\n'),
    joinLines(htmlParts),
    Buffer.from('\r\n</body></html>'),
  ]);
  const textBody = joinLines(textParts);
  const part = (type: string, body: Buffer): string[] => {
    switch (charset) {
      case 'utf8-qp':
        return [
          `Content-Type: ${type}; charset=utf-8`,
          'Content-Transfer-Encoding: quoted-printable',
          '',
          quotedPrintable(body.toString('utf8')),
        ];
      case 'utf8-8bit':
        return [
          `Content-Type: ${type}; charset=utf-8`,
          'Content-Transfer-Encoding: 8bit',
          '',
          body.toString('utf8'),
        ];
      case 'utf8-base64':
        return [
          `Content-Type: ${type}; charset=utf-8`,
          'Content-Transfer-Encoding: base64',
          '',
          base64Lines(body),
        ];
      case 'iso-2022-jp':
        return [
          `Content-Type: ${type}; charset=ISO-2022-JP`,
          'Content-Transfer-Encoding: 7bit',
          '',
          body.toString('latin1'),
        ];
      case 'shift_jis':
        return [
          `Content-Type: ${type}; charset=Shift_JIS`,
          'Content-Transfer-Encoding: base64',
          '',
          base64Lines(body),
        ];
    }
  };
  lines.push(
    Buffer.from(
      [
        ...headers,
        '',
        `--${boundary}`,
        ...part('text/plain', textBody),
        `--${boundary}`,
        ...part('text/html', htmlBody),
        `--${boundary}--`,
        '',
      ].join('\r\n'),
      // ISO-2022-JP bodies are 7-bit, carried as latin1 so their bytes pass through unchanged.
      charset === 'iso-2022-jp' ? 'latin1' : 'utf8',
    ),
  );
  return Buffer.concat(lines);
}

/** RFC 2047 Q-encoding of UTF-8 text. */
function encodeWordQ(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) =>
      b === 32
        ? '_'
        : /[A-Za-z0-9]/.test(String.fromCharCode(b))
          ? String.fromCharCode(b)
          : `=${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

function iconvSubject(jp: JapaneseLines, i: number): string {
  return (jp.iso2022jp[i % jp.iso2022jp.length] ?? Buffer.alloc(0)).toString('base64');
}

/**
 * Writes `count` small messages into `dir` (once: a folder with its completion marker is reused) and returns their
 * paths, sorted. Deterministic for a seed; the Japanese bodies go through the system iconv at generation time.
 */
export async function generateSmallCorpus(dir: string, count: number, seed = 42): Promise<string[]> {
  const marker = path.join(dir, `.complete-v${smallCorpusVersion}-${count}-${seed}`);
  if (!existsSync(marker)) {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    const next = random(seed);
    const jp = convertJapanese();
    for (let i = 0; i < count; i++) {
      await writeFile(path.join(dir, `${String(i).padStart(5, '0')}.eml`), smallMessage(i, next, jp));
    }
    await writeFile(marker, '');
  }
  return (await readdir(dir))
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => path.join(dir, f));
}
