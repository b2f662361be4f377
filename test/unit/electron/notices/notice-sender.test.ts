import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalStore } from '../../../../electron/crm/local/local-store.js';
import { openLocalStore } from '../../../../electron/crm/local/open-local-store.js';
import type { NoticeMail } from '../../../../electron/notices/build-notice-mail.js';
import {
  createNoticeSender,
  type NoticeSenderOptions,
  type NoticeTransport,
} from '../../../../electron/notices/create-notice-sender.js';
import type { SmtpConfig } from '../../../../electron/notices/smtp-config.js';
import type { NoticeToSend } from '#shared/model/decision.js';
import { buildDecision, buildEmail, buildRejected } from '../crm/helpers/build-decision.js';
import { makeTempDir, removeTempDirs, sampleCrm } from '../crm/helpers/temp-store.js';

afterEach(removeTempDirs);

const smtp: SmtpConfig = { host: '127.0.0.1', port: 2525, secure: false, from: 'log@corp.example' };
const hour = 60 * 60_000;

type Clock = { value: Date; advance(ms: number): void };

function makeClock(start = '2026-03-02T10:00:00.000Z'): Clock {
  const clock = {
    value: new Date(start),
    advance(ms: number) {
      clock.value = new Date(clock.value.getTime() + ms);
    },
  };
  return clock;
}

function sampleStore(clock: Clock): LocalStore {
  const store = openLocalStore(makeTempDir(), { now: () => clock.value });
  store.importCrm(sampleCrm);
  return store;
}

let serial = 0;

/** Commits a rejected result carrying these notices (what `decide()` would plan for a bad forward). */
function commitNotices(store: LocalStore, notices: ReadonlyArray<NoticeToSend>, subject = 'Quote'): void {
  serial++;
  store.commit({
    decision: buildRejected({
      route: 'forward',
      reasons: [notices[0]?.reason ?? 'forward-format-unrecognized'],
      owner: 'ann@corp.example',
      ownerId: 1,
      email: buildEmail({ subject, messageId: `<orig-${serial}@acme.example>` }),
      notices,
    }),
    messageId: `<fwd-${serial}@corp.example>`,
    rawSha256: null,
    receivedAt: '2026-03-02T09:59:00.000Z',
  });
}

/** A transport that records each mail, or fails with the next scripted error. */
function fakeTransport(): NoticeTransport & { mails: NoticeMail[]; failures: unknown[] } {
  const mails: NoticeMail[] = [];
  const failures: unknown[] = [];
  return {
    mails,
    failures,
    sendMail(mail) {
      const failure = failures.shift();
      if (failure !== undefined) {
        return Promise.reject(failure);
      }
      mails.push(mail);
      return Promise.resolve({ messageId: mail.messageId });
    },
  };
}

/** `notices` rows as another process would read them. */
function noticeRows(
  store: LocalStore,
): Array<{ recipient: string; sent: number; sent_at: string | null; not_sent_reason: string | null }> {
  const db = new Database(store.path, { readonly: true });
  const rows = db
    .prepare('SELECT recipient, sent, sent_at, not_sent_reason FROM notices ORDER BY id')
    .all() as Array<{
    recipient: string;
    sent: number;
    sent_at: string | null;
    not_sent_reason: string | null;
  }>;
  db.close();
  return rows;
}

function sender(store: LocalStore, clock: Clock, overrides: Partial<NoticeSenderOptions> = {}) {
  const transport = fakeTransport();
  const noticeSender = createNoticeSender({ smtp, store, clock: () => clock.value, transport, ...overrides });
  return { transport, noticeSender };
}

const annFormat: NoticeToSend = {
  to: 'ann@corp.example',
  reason: 'forward-format-unrecognized',
  locale: 'en',
};

describe('createNoticeSender', () => {
  it('N1/N2: sends a pending notice with the auto-reply headers, threaded under the message, and marks it sent', async () => {
    const clock = makeClock();
    const store = sampleStore(clock);
    commitNotices(store, [annFormat]);
    const { transport, noticeSender } = sender(store, clock);

    expect(await noticeSender.sendPending()).toMatchObject({ sent: 1, retryLater: 0 });

    expect(transport.mails).toHaveLength(1);
    const mail = transport.mails[0];
    expect(mail).toMatchObject({
      from: 'log@corp.example',
      to: 'ann@corp.example',
      subject: 'Not logged in the CRM: Quote',
      inReplyTo: `<fwd-${serial}@corp.example>`,
      headers: {
        'Auto-Submitted': 'auto-replied',
        'X-Crm-Mail-Logger-Reason': 'forward-format-unrecognized',
      },
    });
    expect(mail?.references).toBe(mail?.inReplyTo);
    expect(mail?.messageId).toMatch(/^<crm-notice\.\d+\.[0-9a-z]+@corp\.example>$/);
    expect(noticeRows(store)).toEqual([
      { recipient: 'ann@corp.example', sent: 1, sent_at: clock.value.toISOString(), not_sent_reason: null },
    ]);
    expect(store.listResults()[0]?.notices).toEqual([
      { to: 'ann@corp.example', reason: 'forward-format-unrecognized', sent: true },
    ]);
    expect(await noticeSender.sendPending()).toMatchObject({ sent: 0 });
    store.close();
  });

  it('N2: at most one notice per recipient per reason per hour; the others are recorded rate-limited', async () => {
    const clock = makeClock();
    const store = sampleStore(clock);
    const { transport, noticeSender } = sender(store, clock);
    commitNotices(store, [annFormat]);
    commitNotices(store, [annFormat]);
    commitNotices(store, [{ ...annFormat, reason: 'forward-sender-unknown' }]);

    expect(await noticeSender.sendPending()).toMatchObject({ sent: 2, rateLimited: 1 });
    expect(transport.mails.map((m) => m.headers['X-Crm-Mail-Logger-Reason'])).toEqual([
      'forward-format-unrecognized',
      'forward-sender-unknown',
    ]);

    clock.advance(hour - 1);
    commitNotices(store, [annFormat]);
    expect(await noticeSender.sendPending()).toMatchObject({ sent: 0, rateLimited: 1 });
    clock.advance(1);
    commitNotices(store, [annFormat]);
    expect(await noticeSender.sendPending()).toMatchObject({ sent: 1, rateLimited: 0 });

    expect(noticeRows(store).map((r) => r.not_sent_reason)).toEqual([
      null,
      'rate-limited',
      null,
      'rate-limited',
      null,
    ]);
    store.close();
  });

  it('N1: never sends outside the account, even when the store holds such a notice', async () => {
    const clock = makeClock();
    const store = sampleStore(clock);
    commitNotices(store, [
      { to: 'mallory@evil.example', reason: 'sender-not-user', locale: 'en' },
      { to: 'ANN@corp.example', reason: 'sender-not-user', locale: 'en' },
      { to: 'a.smith@corp.example', reason: 'token-mismatch', locale: 'en' },
    ]);
    const { transport, noticeSender } = sender(store, clock);

    expect(await noticeSender.sendPending()).toMatchObject({ sent: 2, outsideAccount: 1 });
    expect(transport.mails.map((m) => m.to)).toEqual(['ann@corp.example', 'a.smith@corp.example']);
    expect(noticeRows(store)[0]).toMatchObject({ sent: 0, not_sent_reason: 'outside-account' });
    store.close();
  });

  it('N1: re-checks the account at send time: a domain no longer internal gets nothing', async () => {
    const clock = makeClock();
    const store = sampleStore(clock);
    commitNotices(store, [{ to: 'temp@corp.example', reason: 'sender-not-user', locale: 'en' }]);
    store.importCrm({ users: [], settings: { internalDomains: ['corp2.example'] } });
    const { transport, noticeSender } = sender(store, clock);

    expect(await noticeSender.sendPending()).toMatchObject({ sent: 0, outsideAccount: 1 });
    expect(transport.mails).toEqual([]);
    store.close();
  });

  it('N2: without SMTP every notice is recorded no-smtp and still listed with sent: false', async () => {
    const clock = makeClock();
    const store = sampleStore(clock);
    commitNotices(store, [annFormat]);
    const { transport, noticeSender } = sender(store, clock, { smtp: undefined });

    expect(await noticeSender.sendPending()).toMatchObject({ noSmtp: 1, sent: 0 });
    expect(transport.mails).toEqual([]);
    expect(noticeRows(store)[0]).toMatchObject({ sent: 0, not_sent_reason: 'no-smtp' });
    expect(store.listResults()[0]?.notices[0]?.sent).toBe(false);
    expect(await noticeSender.sendPending()).toMatchObject({ noSmtp: 0 });
    store.close();
  });

  it('leaves a notice pending after a retryable SMTP failure, stops the pass, and sends it on the next', async () => {
    const clock = makeClock();
    const store = sampleStore(clock);
    commitNotices(store, [annFormat]);
    commitNotices(store, [{ to: 'ken@corp.example', reason: 'forward-sender-unknown', locale: 'ja' }]);
    const { transport, noticeSender } = sender(store, clock);
    transport.failures.push(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), { code: 'ECONNECTION' }),
    );

    expect(await noticeSender.sendPending()).toMatchObject({ sent: 0, retryLater: 1 });
    expect(noticeRows(store).map((r) => r.not_sent_reason)).toEqual([
      'smtp-error: connect ECONNREFUSED 127.0.0.1:2525',
      null,
    ]);
    expect(store.pendingNotices(10).map((n) => n.lastError)).toEqual([
      'connect ECONNREFUSED 127.0.0.1:2525',
      null,
    ]);

    expect(await noticeSender.sendPending()).toMatchObject({ sent: 2 });
    expect(transport.mails.map((m) => m.to)).toEqual(['ann@corp.example', 'ken@corp.example']);
    expect(transport.mails[1]?.subject).toBe('【CRM】メールを記録できませんでした: Quote');
    expect(noticeRows(store).map((r) => [r.sent, r.not_sent_reason])).toEqual([
      [1, null],
      [1, null],
    ]);
    store.close();
  });

  it('records a permanent SMTP refusal and moves on', async () => {
    const clock = makeClock();
    const store = sampleStore(clock);
    commitNotices(store, [annFormat]);
    commitNotices(store, [{ to: 'ken@corp.example', reason: 'forward-sender-unknown', locale: 'ja' }]);
    const { transport, noticeSender } = sender(store, clock);
    transport.failures.push(
      Object.assign(new Error('Can not send mail'), {
        code: 'EENVELOPE',
        responseCode: 550,
        response: '550 5.1.1 <ann@corp.example>: Recipient address rejected',
      }),
    );

    expect(await noticeSender.sendPending()).toMatchObject({ sent: 1, rejected: 1 });
    expect(noticeRows(store)[0]?.not_sent_reason).toBe(
      'smtp-rejected: 550 5.1.1 <ann@corp.example>: Recipient address rejected',
    );
    store.close();
  });

  it('gives up on a notice it could not send for a day', async () => {
    const clock = makeClock();
    const store = sampleStore(clock);
    commitNotices(store, [annFormat]);
    const { transport, noticeSender } = sender(store, clock);
    transport.failures.push(Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT' }));
    await noticeSender.sendPending();

    clock.advance(24 * hour + 1);
    expect(await noticeSender.sendPending()).toMatchObject({ expired: 1, sent: 0 });
    expect(noticeRows(store)[0]?.not_sent_reason).toBe('expired: Greeting never received');
    store.close();
  });

  it('B8: an attachment notice names the dropped files and the limit', async () => {
    const clock = makeClock();
    const store = sampleStore(clock);
    store.commit({
      decision: buildDecision({
        reasons: ['attachment-over-limit'],
        attachments: {
          logged: [],
          dropped: [{ filename: 'video.mp4', size: 40 * 2 ** 20, reason: 'attachment-over-limit' }],
        },
        notices: [{ to: 'ann@corp.example', reason: 'attachment-over-limit', locale: 'en' }],
      }),
      rawSha256: null,
      receivedAt: '2026-03-02T09:16:00.000Z',
    });
    const { transport, noticeSender } = sender(store, clock);
    await noticeSender.sendPending();
    expect(transport.mails[0]?.subject).toBe('Logged without some attachments: Renewal terms');
    expect(transport.mails[0]?.text).toContain('  - video.mp4 (40.0 MB)');
    expect(transport.mails[0]?.text).toContain('attachment limit of 30 MB');
    expect(transport.mails[0]?.inReplyTo).toBe('<m1@corp.example>');
    store.close();
  });

  it('folds overlapping calls into one more pass: each notice goes out once', async () => {
    const clock = makeClock();
    const store = sampleStore(clock);
    commitNotices(store, [annFormat]);
    commitNotices(store, [{ to: 'ken@corp.example', reason: 'forward-sender-unknown', locale: 'ja' }]);
    const { transport, noticeSender } = sender(store, clock);

    const results = await Promise.all([
      noticeSender.sendPending(),
      noticeSender.sendPending(),
      noticeSender.sendPending(),
    ]);
    expect(transport.mails).toHaveLength(2);
    expect(results.map((r) => r.sent)).toEqual([2, 0, 0]);
    store.close();
  });

  it('reads pending notices in batches until none is left', async () => {
    const clock = makeClock();
    const store = sampleStore(clock);
    const reasons = [
      'attachment-over-limit',
      'forward-format-unrecognized',
      'forward-of-own-message',
      'forward-sender-unknown',
      'token-mismatch',
    ] as const;
    reasons.forEach((reason) => commitNotices(store, [{ to: 'ann@corp.example', reason, locale: 'en' }]));
    const { transport, noticeSender } = sender(store, clock, { batchSize: 2 });
    expect(await noticeSender.sendPending()).toMatchObject({ sent: 5 });
    expect(transport.mails).toHaveLength(5);
    store.close();
  });
});
