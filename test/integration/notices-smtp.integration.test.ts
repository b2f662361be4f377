/**
 * N1–N2 end to end, over real SMTP on loopback: messages go through the real pipeline into a store, the
 * notice sender sends what `planNotices` queued with nodemailer, and an `smtp-server` on a random port receives
 * it (with AUTH, as a relay would ask). Each received message is parsed back with the companion's own parser.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpConfig } from '../../electron/notices/smtp-config.js';
import { createBlobStore, type BlobStore } from '../../electron/core/blob-store.js';
import { parseMime } from '../../electron/core/parse-mime.js';
import { createPipeline, type Pipeline } from '../../electron/core/pipeline.js';
import type { LocalStore } from '../../electron/crm/local/local-store.js';
import { openLocalStore } from '../../electron/crm/local/open-local-store.js';
import { createNoticeSender, type NoticeSender } from '../../electron/notices/create-notice-sender.js';
import { describeRawMessage } from '../../electron/notices/describe-raw-message.js';
import type { ParsedMessage } from '#shared/model/parsed-message.js';

/** One message the server accepted: its envelope recipients, its raw header fields, and its parse. */
type Received = {
  readonly envelopeTo: ReadonlyArray<string>;
  readonly headers: ReadonlyMap<string, string>;
  readonly mail: ParsedMessage;
};

const received: Received[] = [];
let server: SMTPServer;
let port = 0;
let dir = '';

/** Addresses this relay refuses for good, as a real one refuses an unknown mailbox. */
const refused = new Set(['gone@corp.example']);

/** The header fields of a raw message, unfolded, by lower-case name (the first of each). */
function headerFields(raw: Buffer): ReadonlyMap<string, string> {
  const head = raw.toString('latin1').split(/\r?\n\r?\n/)[0] ?? '';
  const fields = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    if (colon > 0 && !fields.has(name)) {
      fields.set(name, line.slice(colon + 1).trim());
    }
  }
  return fields;
}

let parseBlobs: BlobStore;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notices-smtp-'));
  parseBlobs = createBlobStore(path.join(dir, 'received-blobs'), { sync: false });
  server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'log' && auth.password === 'secret') {
        callback(null, { user: 'log' });
      } else {
        callback(new Error('535 5.7.8 authentication failed'));
      }
    },
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address)) {
        callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
      } else {
        callback();
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        parseMime(raw, { blobs: parseBlobs })
          .then((parsed) => {
            if (!parsed.ok) {
              throw new Error(parsed.error.detail);
            }
            const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
            received.push({ envelopeTo, headers: headerFields(raw), mail: parsed.value });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(dir, { recursive: true, force: true });
});

function smtpConfig(): SmtpConfig {
  return {
    host: '127.0.0.1',
    port,
    secure: false,
    tls: 'none', // the test server on loopback offers no STARTTLS
    from: 'log@corp.example',
    user: 'log',
    password: 'secret',
  };
}

function eml(headers: ReadonlyArray<string>, body: string): Buffer {
  return Buffer.from(
    [...headers, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n'),
  );
}

/** A forward with no forwarded message in it (F3). */
function emptyForward(from: string, subject: string, id: string): Buffer {
  return eml(
    [
      `From: ${from}`,
      'To: log+fwd@corp.example',
      `Subject: ${subject}`,
      'Date: Mon, 02 Mar 2026 10:00:00 +0000',
      `Message-ID: <${id}>`,
    ],
    'Please log this.',
  );
}

/** A BCC log whose attachment is over the (lowered) attachment limit (B8). */
function bccWithBigAttachment(from: string, subject: string, id: string): Buffer {
  const big = Buffer.alloc(1_300_000, 7).toString('base64').replace(/.{76}/g, '$&\r\n');
  return Buffer.from(
    [
      `From: ${from}`,
      'To: Bob <bob@acme.example>',
      `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
      'Date: Mon, 02 Mar 2026 10:00:00 +0000',
      `Message-ID: <${id}>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Drawings attached.',
      '--b',
      'Content-Type: application/octet-stream; name="drawing.dwg"',
      'Content-Disposition: attachment; filename="drawing.dwg"',
      'Content-Transfer-Encoding: base64',
      '',
      big,
      '--b--',
      '',
    ].join('\r\n'),
  );
}

type Setup = { store: LocalStore; pipeline: Pipeline; blobs: BlobStore; sender: NoticeSender };

function setup(name: string): Setup {
  const storeDir = path.join(dir, name);
  const store = openLocalStore(storeDir);
  store.importCrm({
    settings: { internalDomains: ['corp.example'], attachmentLimitMB: 1 },
    users: [
      { id: 1, email: 'ann@corp.example', locale: 'en' },
      { id: 2, email: 'ken@corp.example', locale: 'ja' },
      { id: 3, email: 'gone@corp.example', locale: 'en' },
    ],
  });
  const blobs = createBlobStore(path.join(storeDir, 'blobs'), { sync: false });
  const pipeline = createPipeline({ store, blobs });
  const sender = createNoticeSender({
    smtp: smtpConfig(),
    store,
    describeMessage: describeRawMessage(blobs, store),
  });
  return { store, pipeline, blobs, sender };
}

function notSentReasons(
  store: LocalStore,
): Array<{ recipient: string; sent: number; reason: string | null }> {
  const db = new Database(store.path, { readonly: true });
  const rows = db
    .prepare('SELECT recipient, sent, not_sent_reason AS reason FROM notices ORDER BY id')
    .all() as Array<{ recipient: string; sent: number; reason: string | null }>;
  db.close();
  return rows;
}

describe('notices over SMTP', () => {
  it('N1/N2: the user gets a notice in their locale, as an auto-reply threaded under their message', async () => {
    received.length = 0;
    const { store, pipeline, sender } = setup('locale');
    const ann = await pipeline.logMessage({
      raw: emptyForward('Ann Smith <ann@corp.example>', 'Fwd: Pricing', 'fwd-ann@corp.example'),
      envelope: { recipient: 'log+fwd@corp.example' },
    });
    expect([ann.status, ann.reasons]).toEqual(['rejected', ['forward-format-unrecognized']]);
    await pipeline.logMessage({
      raw: bccWithBigAttachment('Ken <ken@corp.example>', 'お見積もり', 'bcc-ken@corp.example'),
      envelope: { recipient: 'log+bcc@corp.example' },
    });

    expect(await sender.sendPending()).toMatchObject({ sent: 2, retryLater: 0 });
    sender.close();

    expect(received.map((r) => r.envelopeTo)).toEqual([['ann@corp.example'], ['ken@corp.example']]);
    const [ann0, ken0] = received;
    if (ann0 === undefined || ken0 === undefined) {
      throw new Error('two notices expected');
    }
    const toAnn = ann0.mail;
    const toKen = ken0.mail;
    expect(toAnn.from.map((a) => a.address)).toEqual(['log@corp.example']);
    expect(toAnn.headers.autoSubmitted).toBe('auto-replied');
    expect(ann0.headers.get('x-crm-mail-logger-reason')).toBe('forward-format-unrecognized');
    expect(ann0.headers.get('in-reply-to')).toBe('<fwd-ann@corp.example>');
    expect(ann0.headers.get('references')).toBe('<fwd-ann@corp.example>');
    // The subject comes from the kept raw message: the rejected result has no email of its own.
    expect(toAnn.subject).toBe('Not logged in the CRM: Fwd: Pricing');
    expect(toAnn.text).toContain('Forward the message inline');
    expect(toAnn.text).toContain('Reason codes: forward-format-unrecognized');
    expect(toAnn.html).toContain('<html lang="en">');

    expect(toKen.headers.autoSubmitted).toBe('auto-replied');
    expect(toKen.subject).toBe('【CRM】一部の添付ファイルが記録されませんでした: お見積もり');
    expect(toKen.text).toContain('添付ファイルの上限（1 MB）を超えているため記録されませんでした');
    expect(toKen.text).toContain('drawing.dwg（1.2 MB）');
    expect(toKen.text).toContain('理由コード: attachment-over-limit');
    expect(ken0.headers.get('in-reply-to')).toBe('<bcc-ken@corp.example>');
    expect(ken0.headers.get('content-language')).toBe('ja');

    expect(store.listResults().flatMap((r) => r.notices.map((n) => n.sent))).toEqual([true, true]);
    store.close();
  });

  it('C1: without "tls": "none", a server that offers no STARTTLS gets no notice, never one in cleartext', async () => {
    received.length = 0;
    const { store, pipeline } = setup('tls-required');
    const warnings: unknown[] = [];
    const sender = createNoticeSender({
      smtp: { ...smtpConfig(), tls: 'required' },
      store,
      logger: {
        info: () => undefined,
        warn: (_m, fields) => warnings.push(fields?.['error']),
        error: () => undefined,
      },
    });
    await pipeline.logMessage({
      raw: emptyForward('ann@corp.example', 'Fwd: Over TLS only', 'tls-only@corp.example'),
      envelope: { recipient: 'log+fwd@corp.example' },
    });
    const summary = await sender.sendPending();
    sender.close();

    expect(summary).toMatchObject({ sent: 0, retryLater: 1 });
    expect(received).toEqual([]);
    expect(warnings).toEqual([
      'the SMTP server did not start TLS (STARTTLS required): 500 Error: command not recognized',
    ]);
    // Pending, to be retried once the server (or the configuration) is fixed.
    expect(notSentReasons(store)).toEqual([
      {
        recipient: 'ann@corp.example',
        sent: 0,
        reason:
          'smtp-error: the SMTP server did not start TLS (STARTTLS required): 500 Error: command not recognized',
      },
    ]);
    store.close();
  });

  it('N2: a second notice for the same reason within the hour is not sent, and is recorded rate-limited', async () => {
    received.length = 0;
    const { store, pipeline, sender } = setup('rate-limit');
    for (const n of [1, 2]) {
      await pipeline.logMessage({
        raw: emptyForward('ann@corp.example', `Fwd: Try ${n}`, `try-${n}@corp.example`),
        envelope: { recipient: 'log+fwd@corp.example' },
      });
    }
    expect(await sender.sendPending()).toMatchObject({ sent: 1, rateLimited: 1 });
    await pipeline.logMessage({
      raw: emptyForward('ann@corp.example', 'Fwd: Try 3', 'try-3@corp.example'),
      envelope: { recipient: 'log+fwd@corp.example' },
    });
    expect(await sender.sendPending()).toMatchObject({ sent: 0, rateLimited: 1 });
    sender.close();

    expect(received.map((r) => r.mail.subject)).toEqual(['Not logged in the CRM: Fwd: Try 1']);
    expect(notSentReasons(store)).toEqual([
      { recipient: 'ann@corp.example', sent: 1, reason: null },
      { recipient: 'ann@corp.example', sent: 0, reason: 'rate-limited' },
      { recipient: 'ann@corp.example', sent: 0, reason: 'rate-limited' },
    ]);
    expect(store.listResults().flatMap((r) => r.notices.map((n) => n.sent))).toEqual([true, false, false]);
    store.close();
  });

  it('N1: nothing ever goes outside the account', async () => {
    received.length = 0;
    const { store, pipeline, sender } = setup('outside');
    // A stranger forging nothing: rejected, and no notice is even planned (no backscatter).
    const stranger = await pipeline.logMessage({
      raw: eml(
        [
          'From: Eve <eve@evil.example>',
          'To: bob@acme.example',
          'Subject: Hi',
          'Message-ID: <eve@evil.example>',
        ],
        'spam',
      ),
      envelope: { recipient: 'log+bcc@corp.example' },
    });
    expect([stranger.status, stranger.notices]).toEqual(['rejected', []]);
    // A notice to an outside address that reached the store anyway (an older version, a changed account):
    // the sender checks again and refuses it.
    store.commit({
      decision: {
        route: 'bcc',
        status: 'rejected',
        reasons: ['sender-not-user'],
        owner: null,
        ownerId: null,
        contacts: [],
        skippedRecipients: [],
        companies: [],
        deals: [],
        attachments: { logged: [], dropped: [] },
        notices: [{ to: 'eve@evil.example', reason: 'sender-not-user', locale: 'en' }],
        identity: { messageId: null, contentKey: null },
      },
      rawSha256: null,
      receivedAt: new Date().toISOString(),
    });
    // An internal address that is not a user still hears of it (N1: From in an internal domain).
    await pipeline.logMessage({
      raw: eml(
        [
          'From: temp@corp.example',
          'To: bob@acme.example',
          'Subject: Quote',
          'Message-ID: <temp@corp.example>',
        ],
        'hello',
      ),
      envelope: { recipient: 'log+bcc@corp.example' },
    });

    expect(await sender.sendPending()).toMatchObject({ sent: 1, outsideAccount: 1 });
    sender.close();
    expect(received.flatMap((r) => r.envelopeTo)).toEqual(['temp@corp.example']);
    expect(received[0]?.mail.subject).toBe('Not logged in the CRM: Quote');
    expect(received[0]?.mail.text).toContain('temp@corp.example, is not a CRM user');
    expect(notSentReasons(store)).toEqual([
      { recipient: 'eve@evil.example', sent: 0, reason: 'outside-account' },
      { recipient: 'temp@corp.example', sent: 1, reason: null },
    ]);
    store.close();
  });

  it('records a permanent refusal by the SMTP server, and retries when the server is unreachable', async () => {
    received.length = 0;
    const { store, pipeline } = setup('failures');
    await pipeline.logMessage({
      raw: emptyForward('gone@corp.example', 'Fwd: Old', 'old@corp.example'),
      envelope: { recipient: 'log+fwd@corp.example' },
    });
    await pipeline.logMessage({
      raw: emptyForward('ann@corp.example', 'Fwd: New', 'new@corp.example'),
      envelope: { recipient: 'log+fwd@corp.example' },
    });

    // Nothing listens on this port: the first notice stays pending with the error, and the pass stops.
    const closed = createNoticeSender({ smtp: { ...smtpConfig(), port: 1 }, store });
    expect(await closed.sendPending()).toMatchObject({ sent: 0, retryLater: 1 });
    closed.close();
    expect(notSentReasons(store)[0]?.reason).toMatch(/^smtp-error: .*ECONNREFUSED/);

    const sender = createNoticeSender({ smtp: smtpConfig(), store });
    expect(await sender.sendPending()).toMatchObject({ sent: 1, rejected: 1 });
    sender.close();
    expect(notSentReasons(store)).toEqual([
      { recipient: 'gone@corp.example', sent: 0, reason: expect.stringMatching(/^smtp-rejected: 550 /) },
      { recipient: 'ann@corp.example', sent: 1, reason: null },
    ]);
    expect(received.flatMap((r) => r.envelopeTo)).toEqual(['ann@corp.example']);
    store.close();
  });

  it('N2: without SMTP the notice is still listed, sent: false', async () => {
    const { store, pipeline } = setup('no-smtp');
    await pipeline.logMessage({
      raw: emptyForward('ann@corp.example', 'Fwd: X', 'x@corp.example'),
      envelope: { recipient: 'log+fwd@corp.example' },
    });
    expect(await createNoticeSender({ smtp: undefined, store }).sendPending()).toMatchObject({ noSmtp: 1 });
    expect(store.listResults()[0]?.notices).toEqual([
      { to: 'ann@corp.example', reason: 'forward-format-unrecognized', sent: false },
    ]);
    expect(notSentReasons(store)[0]?.reason).toBe('no-smtp');
    store.close();
  });
});
