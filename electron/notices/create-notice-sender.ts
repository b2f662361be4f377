import { createTransport } from 'nodemailer';
import { cleartextRefusal } from '../core/is-loopback-host.js';
import { normalizeAddress } from '#shared/address/normalize-address.js';
import type { Settings } from '#shared/model/crm-data.js';
import { buildAccountIndex, type AccountIndex } from '#shared/rules/account-index.js';
import type { SmtpConfig } from './smtp-config.js';
import type { PendingNotice } from '../crm/local/notice-queue.js';
import type { LocalStore } from '../crm/local/local-store.js';
import { type Logger, silentLogger } from '../core/logger.js';
import { buildNoticeMail, type NoticeMail } from './build-notice-mail.js';
import { classifySmtpError } from './classify-smtp-error.js';
import type { MessageDescription } from './describe-raw-message.js';
import { renderNotice } from './render-notice.js';

/** What the sender needs of the store. */
export type NoticeSenderStore = Pick<
  LocalStore,
  | 'pendingNotices'
  | 'markNoticeSent'
  | 'markNoticeNotSent'
  | 'markNoticeRetry'
  | 'lastNoticeSentAt'
  | 'settings'
  | 'listUsers'
>;

/** Sends one message; rejects with a nodemailer-style error. nodemailer's SMTP transport by default. */
export type NoticeTransport = {
  sendMail(mail: NoticeMail): Promise<unknown>;
  close?(): void;
};

export type NoticeSenderOptions = {
  /** Absent: no SMTP configured; every notice is recorded `no-smtp` (N2: the result still lists it). */
  readonly smtp: SmtpConfig | null | undefined;
  readonly store: NoticeSenderStore;
  readonly clock?: () => Date;
  /** For tests; default nodemailer over `smtp`. */
  readonly transport?: NoticeTransport;
  /** Notices read from the store at a time (default 50). */
  readonly batchSize?: number;
  /** N2: at most one notice per recipient per reason in this window (default one hour). */
  readonly rateLimitMs?: number;
  /** A notice that could not be sent for this long is given up (default 24 h): late news is noise. */
  readonly maxAgeMs?: number;
  /** The zone dates are written in (default UTC). */
  readonly timeZone?: string;
  /**
   * The subject and date of a kept raw message, for a result that has no email of its own (a rejected forward);
   * `describeRawMessage(blobs, store)` in the companion. Without it such a notice names no subject.
   */
  readonly describeMessage?: (rawSha256: string) => Promise<MessageDescription | null>;
  readonly logger?: Logger;
};

export type NoticeSendSummary = {
  readonly sent: number;
  readonly rateLimited: number;
  readonly outsideAccount: number;
  readonly noSmtp: number;
  /** Refused for good by the SMTP server. */
  readonly rejected: number;
  readonly expired: number;
  /** Left pending after a retryable failure; the pass stopped there. */
  readonly retryLater: number;
};

export type NoticeSender = {
  /**
   * Sends every pending notice it may, oldest first, and records the outcome of each. Calls made while a pass
   * runs are folded into one more pass after it, so no notice is sent twice by overlapping passes.
   */
  sendPending(): Promise<NoticeSendSummary>;
  close(): void;
};

type Outcome = keyof NoticeSendSummary;

export function createSmtpTransport(smtp: SmtpConfig): NoticeTransport {
  const refusal = smtp.tls === 'none' ? cleartextRefusal('smtp', smtp.host) : null;
  if (refusal !== null) {
    throw new Error(refusal);
  }
  const transporter = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    // C1: without implicit TLS, STARTTLS is required (nodemailer would otherwise send in cleartext to a server
    // that offers none); `tls: "none"` (loopback only) never upgrades.
    ...(smtp.secure ? {} : smtp.tls === 'none' ? { ignoreTLS: true } : { requireTLS: true }),
    ...(smtp.user === undefined ? {} : { auth: { user: smtp.user, pass: smtp.password ?? '' } }),
    // A stalled server must not hold the companion's notices forever; the notice is retried later.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    sendMail: (mail) => transporter.sendMail({ ...mail, headers: { ...mail.headers } }),
    close: () => transporter.close(),
  };
}

function accountIndexOf(store: NoticeSenderStore): { index: AccountIndex; settings: Settings } {
  const settings = store.settings();
  const index = buildAccountIndex({
    settings,
    users: store.listUsers(),
    contacts: [],
    companies: [],
    deals: [],
    neverLog: [],
    logged: [],
  });
  return { index, settings };
}

/**
 * The sending side of N1–N2 (`planNotices` decided which notices a result carries; the commit queued them).
 * For each pending notice, in this order:
 * 1. no SMTP configured → `no-smtp`;
 * 2. the recipient is neither a user (primary or alias) nor in an internal domain → `outside-account`. Defence
 *    in depth: `planNotices` already filters, but the users and domains may have changed since, and a notice to
 *    a stranger would make the logger a backscatter source;
 * 3. older than `maxAgeMs` → `expired: <last error>`;
 * 4. the recipient got a notice for the same reason less than an hour ago (`sent_at`) → `rate-limited` (N2);
 * 5. otherwise rendered in the recipient's locale and sent over SMTP, then marked `sent` with `sent_at`. A
 *    permanent SMTP refusal is recorded `smtp-rejected: …`; a retryable failure leaves the notice pending with the
 *    error and ends the pass (the server is likely down for the others too).
 *
 * Sent, then marked: a crash between the two sends the notice again on restart (at least once); its Message-ID is
 * the same both times. One sender per store: two processes sending from one store could both send a notice.
 */
export function createNoticeSender(options: NoticeSenderOptions): NoticeSender {
  const { smtp, store } = options;
  const clock = options.clock ?? (() => new Date());
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 50));
  const rateLimitMs = options.rateLimitMs ?? 60 * 60_000;
  const maxAgeMs = options.maxAgeMs ?? 24 * 60 * 60_000;
  const logger = options.logger ?? silentLogger;
  let transport: NoticeTransport | null = options.transport ?? null;

  function transportFor(config: SmtpConfig): NoticeTransport {
    transport ??= createSmtpTransport(config);
    return transport;
  }

  /** What the notice is about: the logged (or drafted) email, else the raw message the user sent. */
  async function originalOf(notice: PendingNotice): Promise<{ subject: string | null; date: string | null }> {
    const email = notice.result.email;
    if (email !== undefined) {
      return { subject: email.subject, date: email.date ?? notice.receivedAt };
    }
    let described: MessageDescription | null = null;
    if (options.describeMessage !== undefined && notice.rawSha256 !== null) {
      try {
        described = await options.describeMessage(notice.rawSha256);
      } catch (error) {
        logger.warn('notice: could not read the message it is about', {
          noticeId: notice.id,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return { subject: described?.subject ?? null, date: described?.date ?? notice.receivedAt };
  }

  async function sendOne(
    notice: PendingNotice,
    account: { index: AccountIndex; settings: Settings },
  ): Promise<Outcome> {
    if (smtp === null || smtp === undefined) {
      store.markNoticeNotSent(notice.id, 'no-smtp');
      return 'noSmtp';
    }
    const recipient = normalizeAddress(notice.to);
    if (recipient === null || !account.index.isInternal(recipient)) {
      store.markNoticeNotSent(notice.id, 'outside-account');
      logger.warn('notice: recipient outside the account, not sent', { noticeId: notice.id, to: notice.to });
      return 'outsideAccount';
    }
    const now = clock();
    if (now.getTime() - Date.parse(notice.createdAt) > maxAgeMs) {
      store.markNoticeNotSent(notice.id, `expired: ${notice.lastError ?? 'not sent in time'}`);
      return 'expired';
    }
    const last = store.lastNoticeSentAt(recipient, notice.reason);
    if (last !== null && now.getTime() - Date.parse(last) < rateLimitMs) {
      store.markNoticeNotSent(notice.id, 'rate-limited');
      return 'rateLimited';
    }
    const result = notice.result;
    const original = await originalOf(notice);
    const rendered = renderNotice({
      reason: notice.reason,
      locale: notice.locale,
      recipient,
      loggingMailbox: smtp.from,
      original: { ...original, messageId: notice.messageId },
      reasonCodes: result.reasons,
      droppedAttachments: result.attachments.dropped,
      attachmentLimitMB: account.settings.attachmentLimitMB,
      ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
    });
    const mail = buildNoticeMail({
      notice: { ...notice, to: recipient },
      rendered,
      from: smtp.from,
      date: now,
    });
    try {
      await transportFor(smtp).sendMail(mail);
    } catch (error) {
      const failure = classifySmtpError(error);
      if (failure.permanent) {
        store.markNoticeNotSent(notice.id, `smtp-rejected: ${failure.message}`);
        logger.warn('notice: refused by the SMTP server', { noticeId: notice.id, error: failure.message });
        return 'rejected';
      }
      store.markNoticeRetry(notice.id, failure.message);
      logger.warn('notice: SMTP failure, will retry', { noticeId: notice.id, error: failure.message });
      return 'retryLater';
    }
    store.markNoticeSent(notice.id, clock());
    return 'sent';
  }

  async function pass(): Promise<NoticeSendSummary> {
    const tally: Record<Outcome, number> = {
      sent: 0,
      rateLimited: 0,
      outsideAccount: 0,
      noSmtp: 0,
      rejected: 0,
      expired: 0,
      retryLater: 0,
    };
    const account = accountIndexOf(store);
    for (;;) {
      const batch = store.pendingNotices(batchSize);
      for (const notice of batch) {
        const outcome = await sendOne(notice, account);
        tally[outcome]++;
        if (outcome === 'retryLater') {
          return tally;
        }
      }
      // Every notice of the batch left the queue (sent or given a final reason), so the next read moves on.
      if (batch.length < batchSize) {
        return tally;
      }
    }
  }

  let current: Promise<NoticeSendSummary> | null = null;
  let queued: Promise<NoticeSendSummary> | null = null;

  function sendPending(): Promise<NoticeSendSummary> {
    if (current === null) {
      current = pass().finally(() => {
        current = null;
      });
      return current;
    }
    queued ??= current
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return sendPending();
      });
    return queued;
  }

  return {
    sendPending,
    close() {
      transport?.close?.();
    },
  };
}
