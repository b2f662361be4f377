import type { Locale } from '#shared/model/crm-data.js';
import type { NoticeReason } from '#shared/model/reason-code.js';
import type { RenderedNotice } from './render-notice.js';

/** One notice as handed to the SMTP transport (nodemailer's message fields). */
export type NoticeMail = {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly messageId: string;
  readonly date: Date;
  readonly inReplyTo?: string;
  readonly references?: string;
  readonly headers: Readonly<Record<string, string>>;
};

/** A Message-ID from the mail is answered only when it looks like one: it goes into our own headers. */
const messageIdPattern = /^<[^<>\s]{1,994}>$/;

function domainOfMailbox(from: string): string {
  const at = from.lastIndexOf('@');
  const domain = at < 0 ? '' : from.slice(at + 1).replace(/[>\s].*$/, '');
  return domain === '' ? 'localhost' : domain;
}

/**
 * The notice as an email (N1, N2):
 * - From the logging mailbox;
 * - `Auto-Submitted: auto-replied` (RFC 3834, N2), so that no well-behaved responder answers it;
 * - `X-Auto-Response-Suppress: All`, Exchange's equivalent (no out-of-office replies to a notice);
 * - `In-Reply-To` and `References` to the message it is about, so it threads under it in the user's mailbox;
 * - `X-Crm-Mail-Logger-Reason`, the reason code, for the user's mail rules;
 * - its own Message-ID, derived from the notice's id, so a notice sent twice (a crash between the SMTP answer
 *   and the local mark) is recognisable as the same one.
 */
export function buildNoticeMail(input: {
  readonly notice: {
    readonly id: number;
    readonly to: string;
    readonly reason: NoticeReason;
    readonly locale: Locale;
    readonly createdAt: string;
    readonly messageId: string | null;
  };
  readonly rendered: RenderedNotice;
  readonly from: string;
  readonly date: Date;
}): NoticeMail {
  const { notice, rendered } = input;
  const created = Date.parse(notice.createdAt);
  const stamp = Number.isNaN(created) ? '0' : created.toString(36);
  const original =
    notice.messageId !== null && messageIdPattern.test(notice.messageId) ? notice.messageId : undefined;
  return {
    from: input.from,
    to: notice.to,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: `<crm-notice.${notice.id}.${stamp}@${domainOfMailbox(input.from)}>`,
    date: input.date,
    ...(original === undefined ? {} : { inReplyTo: original, references: original }),
    headers: {
      'Auto-Submitted': 'auto-replied',
      'X-Auto-Response-Suppress': 'All',
      'X-Crm-Mail-Logger-Reason': notice.reason,
      'Content-Language': notice.locale,
    },
  };
}
