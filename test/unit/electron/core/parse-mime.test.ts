import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBlobStore } from '../../../../electron/core/blob-store.js';
import type { BlobStore } from '../../../../electron/core/blob-store.js';
import { parseMime, parseMimeDetailed } from '../../../../electron/core/parse-mime.js';
import type { ParsedMessage } from '#shared/model/parsed-message.js';
import { decide } from '#shared/rules/decide.js';
import { makeFacts } from '../../shared/rules/builders.js';
import {
  crlf,
  fixturesDir,
  listFiles,
  makeTempDir,
  noRoutingHeaders,
  readFixture,
  sha256,
} from './support.js';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let blobs: BlobStore;

beforeEach(async () => {
  temp = await makeTempDir();
  blobs = createBlobStore(temp.dir);
});

afterEach(async () => {
  await temp.remove();
});

async function parseFixture(name: string): Promise<ParsedMessage> {
  const result = await parseMime(await readFixture(name), { blobs });
  if (!result.ok) {
    throw new Error(`${name}: ${result.error.reason}: ${result.error.detail}`);
  }
  return result.value;
}

/** The fields every fixture below leaves at their empty value unless it says otherwise. */
const blank = {
  messageId: null,
  fromFieldCount: 1,
  sender: null,
  replyTo: [],
  cc: [],
  bcc: [],
  date: null,
  dateOffsetMinutes: null,
  text: null,
  html: null,
  attachments: [],
  attachedMessages: [],
  headers: noRoutingHeaders,
} satisfies Partial<ParsedMessage>;

describe('parseMime on fixtures', () => {
  it('reads a plain UTF-8 message with its routing headers, in order (R1, N2)', async () => {
    expect(await parseFixture('plain-utf8.eml')).toEqual({
      ...blank,
      messageId: '<CAF1a2b3c4d5e6f7@mail.corp.example>',
      from: [{ name: '山田 花子', address: 'ann@corp.example' }],
      to: [
        { name: 'Bob Smith', address: 'bob@acme.example' },
        { name: 'Tanaka, Ichiro', address: 'ichiro.tanaka@acme.example' },
      ],
      cc: [{ name: '', address: 'carol@partner.example' }],
      subject: 'Renewal proposal — 更新のご提案',
      date: '2025-07-01T01:00:00.000Z',
      dateOffsetMinutes: 540,
      text: 'Hi Bob,\n\nPlease find our renewal proposal below. 更新のご提案です。\n\nBest regards,\nAnn\n',
      headers: {
        delivery: [
          { field: 'delivered-to', address: 'log+bcc.k3x9@corp.example', aboveFirstReceived: true },
          { field: 'delivered-to', address: 'log@corp.example', aboveFirstReceived: true },
          { field: 'x-original-to', address: 'log+bcc.k3x9@corp.example', aboveFirstReceived: true },
        ],
        autoSubmitted: null,
        precedence: null,
        listId: null,
        returnPath: '<ann@corp.example>',
        authenticationResults: [
          'mx.corp.example;\tdkim=pass header.d=corp.example;\tspf=pass smtp.mailfrom=ann@corp.example;' +
            '\tdmarc=pass header.from=corp.example',
          'relay.example; spf=none',
        ],
      },
    });
  });

  it('reads both parts of multipart/alternative (quoted-printable) and the automatic-mail headers (N2)', async () => {
    expect(await parseFixture('multipart-alternative.eml')).toEqual({
      ...blank,
      messageId: '<digest-20250702@acme.example>',
      from: [{ name: 'Acme News', address: 'news@acme.example' }],
      to: [{ name: '', address: 'ann@corp.example' }],
      subject: 'Your weekly digest',
      date: '2025-07-02T13:30:00.000Z',
      dateOffsetMinutes: -300,
      text: 'Café news: the long line is wrapped with a soft line break and continues here.\nPrice: 10 €',
      html: '<html><body><p>Café news</p><p>Price: 10 &euro;</p></body></html>',
      headers: {
        ...noRoutingHeaders,
        delivery: [{ field: 'delivered-to', address: 'log+fwd@corp.example', aboveFirstReceived: true }],
        autoSubmitted: 'auto-generated',
        precedence: 'bulk',
        listId: 'Acme Newsletter <news.acme.example>',
        returnPath: '<>',
      },
    });
  });

  it('decodes ISO-2022-JP bodies, subjects and display names', async () => {
    expect(await parseFixture('iso-2022-jp.eml')).toEqual({
      ...blank,
      messageId: '<20250703174510.A1B2@kaisha.example.jp>',
      from: [{ name: '山田 太郎', address: 'yamada@kaisha.example.jp' }],
      to: [{ name: '佐藤 花子', address: 'hanako.sato@corp.example' }],
      subject: '会議のご案内',
      date: '2025-07-03T08:45:10.000Z',
      dateOffsetMinutes: 540,
      text: '佐藤様\n\n山田です。\n来週の会議の件でご連絡します。\nよろしくお願いいたします。\n',
    });
  });

  it('decodes a Shift_JIS base64 text part and an EUC-JP quoted-printable HTML part', async () => {
    expect(await parseFixture('shift-jis-base64.eml')).toEqual({
      ...blank,
      messageId: '<sjis-0001@torihikisaki.example.jp>',
      from: [{ name: '佐藤 花子', address: 'hanako@torihikisaki.example.jp' }],
      to: [{ name: '', address: 'ann@corp.example' }],
      subject: '見積書の送付',
      date: '2025-07-04T00:00:00.000Z',
      dateOffsetMinutes: 540,
      text: 'お世話になっております。\n見積書を送付いたします。\n',
      html: '<p>お世話になっております。</p>',
    });
  });

  it('decodes ISO-8859-1 quoted-printable with soft line breaks and an obsolete zone name', async () => {
    expect(await parseFixture('quoted-printable.eml')).toEqual({
      ...blank,
      messageId: '<qp-7@client.example>',
      from: [{ name: 'René Dupont', address: 'rene@client.example' }],
      to: [{ name: '', address: 'ann@corp.example' }],
      subject: 'Résumé of our call',
      date: '2025-07-07T19:20:00.000Z',
      dateOffsetMinutes: -300,
      text: 'Bonjour Ann,\n\nvoici le résumé de notre appel: très intéressant, nous revenons vers vous.\n',
    });
  });

  it('streams attachments and inline images to the blob store, with safe display names', async () => {
    const pdf = '%PDF-1.4\n% fake pdf for tests\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n';
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('fake png body for tests'),
    ]);
    const passwd = 'root:x:0:0:root:/root:/bin/bash';
    const quote = Buffer.from('見積 10,000 円\n', 'utf8');

    const message = await parseFixture('attachments.eml');

    expect(message).toEqual({
      ...blank,
      messageId: '<att-1@corp.example>',
      from: [{ name: 'Ann Example', address: 'ann@corp.example' }],
      to: [{ name: '', address: 'bob@acme.example' }],
      subject: 'Contract and logo',
      date: '2025-07-08T11:00:00.000Z',
      dateOffsetMinutes: 0,
      html: '<p>See the contract. <img src="cid:logo@corp.example"></p>',
      attachments: [
        { filename: 'attachment-1.png', contentType: 'image/png', size: png.length, sha256: sha256(png) },
        { filename: 'contract.pdf', contentType: 'application/pdf', size: pdf.length, sha256: sha256(pdf) },
        { filename: 'passwd', contentType: 'text/plain', size: passwd.length, sha256: sha256(passwd) },
        { filename: '見積書.txt', contentType: 'text/plain', size: quote.length, sha256: sha256(quote) },
      ],
    });
    expect(await readFile(blobs.path(sha256(pdf)), 'utf8')).toBe(pdf);
    // Nothing but content addresses is written: no name from the mail becomes a path.
    expect(await listFiles(temp.dir)).toEqual(
      [png, pdf, passwd, quote]
        .map((content) => {
          const hash = sha256(content);
          return `${hash.slice(0, 2)}/${hash.slice(2)}`;
        })
        .sort(),
    );
  });

  it('F9: parses a message attached as message/rfc822 into attachedMessages and keeps it as an attachment', async () => {
    const raw = await readFixture('forward-as-attachment.eml');
    const text = raw.toString('latin1');
    const inner = Buffer.from(
      text.slice(text.indexOf('From: Bob Smith'), text.indexOf('\r\n--outer-b--')),
      'latin1',
    );
    const spec = '20 seats, annual.';

    expect(await parseFixture('forward-as-attachment.eml')).toEqual({
      ...blank,
      messageId: '<fwd-outer-1@corp.example>',
      from: [{ name: 'Ann Example', address: 'ann@corp.example' }],
      to: [{ name: '', address: 'log+fwd.k3x9@corp.example' }],
      subject: 'FW: Quote request',
      date: '2025-06-02T23:05:00.000Z',
      dateOffsetMinutes: -300,
      text: 'Logging the original request.',
      attachments: [
        {
          filename: 'Quote request.eml',
          contentType: 'message/rfc822',
          size: inner.length,
          sha256: sha256(inner),
        },
      ],
      attachedMessages: [
        {
          ...blank,
          messageId: '<orig-123@acme.example>',
          from: [{ name: 'Bob Smith', address: 'bob@acme.example' }],
          to: [{ name: 'Ann Example', address: 'ann@corp.example' }],
          cc: [{ name: 'Dana', address: 'dana@acme.example' }],
          subject: 'Quote request',
          date: '2025-06-03T00:15:00.000Z',
          dateOffsetMinutes: 540,
          text: 'Could you send us a quote for 20 seats?',
          attachments: [
            { filename: 'spec.txt', contentType: 'text/plain', size: spec.length, sha256: sha256(spec) },
          ],
        },
      ],
      headers: {
        ...noRoutingHeaders,
        delivery: [{ field: 'delivered-to', address: 'log+fwd.k3x9@corp.example', aboveFirstReceived: true }],
      },
    });
  });

  it('flattens address groups, drops empty groups and reads Bcc and Reply-To', async () => {
    expect(await parseFixture('groups.eml')).toEqual({
      ...blank,
      messageId: '<groups-1@corp.example>',
      from: [{ name: '', address: 'ann@corp.example' }],
      replyTo: [{ name: 'Support', address: 'support@corp.example' }],
      to: [
        { name: '', address: 'bob@acme.example' },
        { name: 'Dana K', address: 'dana@acme.example' },
        { name: '', address: 'eve@other.example' },
      ],
      bcc: [{ name: "Ann's copy", address: 'ann@corp.example' }],
      subject: 'Kick-off',
      date: '2025-07-09T06:00:00.000Z',
      dateOffsetMinutes: 0,
      text: 'Kick-off is on Friday.\n',
    });
  });

  it('B1: keeps every From address, the Sender, and null for a missing Date and Message-ID', async () => {
    expect(await parseFixture('several-from.eml')).toEqual({
      ...blank,
      from: [
        { name: 'Alice', address: 'alice@corp.example' },
        { name: 'Mallory', address: 'mallory@evil.example' },
      ],
      sender: { name: 'Alice Assistant', address: 'assistant@corp.example' },
      to: [{ name: '', address: 'bob@acme.example' }],
      subject: 'Two authors',
      text: 'No date, no message id.\n',
    });
  });

  it('R3: a multipart without its closing boundary parses with what is there', async () => {
    expect(await parseFixture('missing-closing-boundary.eml')).toEqual({
      ...blank,
      messageId: '<cut-1@corp.example>',
      from: [{ name: '', address: 'ann@corp.example' }],
      to: [{ name: '', address: 'bob@acme.example' }],
      subject: 'Cut off',
      date: '2025-07-10T10:00:00.000Z',
      dateOffsetMinutes: 120,
      text: 'The closing boundary of this message is missing.\n',
    });
  });

  it('R3: a multipart whose parts use an undeclared boundary is a message with no readable body, not a failure', async () => {
    expect(await parseFixture('boundary-mismatch.eml')).toEqual({
      ...blank,
      messageId: '<wrong-1@corp.example>',
      from: [{ name: '', address: 'ann@corp.example' }],
      to: [{ name: '', address: 'bob@acme.example' }],
      subject: 'Wrong boundary',
      date: '2025-07-10T10:00:00.000Z',
      dateOffsetMinutes: 120,
    });
  });

  it.each(['empty.eml', 'garbage.eml', 'jpeg-image.eml'])(
    'R3: %s is not an email message: malformed-message, nothing stored',
    async (name) => {
      expect(await parseMime(await readFixture(name), { blobs })).toEqual({
        ok: false,
        error: {
          reason: 'malformed-message',
          detail: 'no RFC 5322 header fields: the input is not an email message',
        },
      });
      expect(await listFiles(temp.dir)).toEqual([]);
    },
  );

  it('parses a file stream the same as its bytes', async () => {
    const fromStream = await parseMime(createReadStream(new URL('attachments.eml', fixturesDir)), { blobs });
    expect(fromStream).toEqual({ ok: true, value: await parseFixture('attachments.eml') });
  });
});

describe('parseMime header details', () => {
  async function parse(text: string | Buffer): Promise<ParsedMessage> {
    const result = await parseMime(typeof text === 'string' ? crlf(text) : text, { blobs });
    if (!result.ok) {
      throw new Error(result.error.detail);
    }
    return result.value;
  }

  it('B1: collects the addresses of every From header, so two From headers are two addresses', async () => {
    const message = await parse('From: alice@corp.example\nFrom: mallory@evil.example\nSubject: x\n\nbody\n');
    expect(message.from).toEqual([
      { name: '', address: 'alice@corp.example' },
      { name: '', address: 'mallory@evil.example' },
    ]);
  });

  it("B1: counts the From fields, so an empty From above a user's From leaves no single sender", async () => {
    const message = await parse(
      'From:\nFrom: Ann <ann@corp.example>\nTo: bob@acme.example\nDate: Mon, 2 Mar 2026 10:15:00 +0900\n' +
        'Subject: Pricing\n\nHello\n',
    );
    expect([message.from, message.fromFieldCount]).toEqual([
      [{ name: 'Ann', address: 'ann@corp.example' }],
      2,
    ]);
    expect(decide(message, { recipient: 'log+bcc@corp.example' }, makeFacts())).toEqual(
      expect.objectContaining({ status: 'rejected', reasons: ['sender-not-user'], owner: null }),
    );
  });

  it('keeps addresses as written: case, and an internationalised domain not decoded', async () => {
    const message = await parse(
      'From: Ann <Ann.Smith@Corp.Example>\nTo: =?UTF-8?B?5bGx55Sw?= <taro@xn--eckwd4c7c.xn--zckzah>\n\nx\n',
    );
    expect([message.from, message.to]).toEqual([
      [{ name: 'Ann', address: 'Ann.Smith@Corp.Example' }],
      [{ name: '山田', address: 'taro@xn--eckwd4c7c.xn--zckzah' }],
    ]);
  });

  it('reads raw 8-bit UTF-8 headers', async () => {
    const message = await parse(
      Buffer.from('From: 山田 <yamada@kaisha.example.jp>\r\nSubject: 件名です\r\n\r\nbody\r\n', 'utf8'),
    );
    expect([message.from, message.subject]).toEqual([
      [{ name: '山田', address: 'yamada@kaisha.example.jp' }],
      '件名です',
    ]);
  });

  it('adds the angle brackets to a Message-ID written without them, and ignores comments', async () => {
    const bare = await parse('From: a@corp.example\nMessage-ID: abc@host.example\n\nx\n');
    const commented = await parse('From: a@corp.example\nMessage-ID: (old) <id-1@host.example> (x)\n\nx\n');
    expect([bare.messageId, commented.messageId]).toEqual(['<abc@host.example>', '<id-1@host.example>']);
  });

  it('leaves text null for an HTML-only message (F4: the core derives it)', async () => {
    const message = await parse(
      'From: a@corp.example\nContent-Type: text/html; charset=utf-8\n\n<p>Hi</p>\n',
    );
    expect([message.text, message.html]).toEqual([null, '<p>Hi</p>\n']);
  });

  it('reads an unreadable Date as null instead of "now"', async () => {
    const message = await parse('From: a@corp.example\nDate: garbage\n\nx\n');
    expect([message.date, message.dateOffsetMinutes]).toEqual([null, null]);
  });

  it('caps each address list at maxRecipients and reports it as a defect', async () => {
    const to = Array.from({ length: 5 }, (_, i) => `r${i}@acme.example`).join(', ');
    const result = await parseMimeDetailed(crlf(`From: a@corp.example\nTo: ${to}\n\nx\n`), {
      blobs,
      limits: { maxRecipients: 3 },
    });
    expect(result.ok && [result.value.message.to.map((a) => a.address), result.value.defects]).toEqual([
      ['r0@acme.example', 'r1@acme.example', 'r2@acme.example'],
      [{ kind: 'recipients-truncated', detail: 'to: 5 addresses, the first 3 kept' }],
    ]);
  });

  it('truncates a body over maxTextBytes on a character boundary and reports it', async () => {
    const body = 'あ'.repeat(10); // 30 bytes in UTF-8
    const result = await parseMimeDetailed(
      crlf(`From: a@corp.example\nContent-Type: text/plain; charset=utf-8\n\n${body}`),
      { blobs, limits: { maxTextBytes: 8 } },
    );
    expect(result.ok && [result.value.message.text, result.value.defects]).toEqual([
      'ああ',
      [{ kind: 'text-truncated', detail: 'text body of 30 bytes cut to 6' }],
    ]);
  });
});
