import type { Locale } from '#shared/model/crm-data.js';
import type { NoticeReason, ReasonCode } from '#shared/model/reason-code.js';
import { fillTemplate, type NoticeTexts } from './notice-texts.js';
import { noticeTextsEn } from './notice-texts.en.js';
import { noticeTextsJa } from './notice-texts.ja.js';

/** Every locale's catalogue; a user's locale picks one (N1). */
export const noticeTexts: { readonly [L in Locale]: NoticeTexts } = { en: noticeTextsEn, ja: noticeTextsJa };

/** What one notice says: the facts, before words. */
export type NoticeContent = {
  readonly reason: NoticeReason;
  readonly locale: Locale;
  /** The recipient's address (named in `token-mismatch` and `sender-not-user`: it is the address at fault). */
  readonly recipient: string;
  /** The logging mailbox the notice comes from. */
  readonly loggingMailbox: string;
  /** The message the notice is about: its subject and date, when known. */
  readonly original: {
    readonly subject: string | null;
    readonly date: string | null;
    readonly messageId: string | null;
  };
  /** The result's reason codes; the notice's own reason is listed first whatever the order here. */
  readonly reasonCodes: ReadonlyArray<ReasonCode>;
  /** B8: the attachments not logged (for `attachment-over-limit`). */
  readonly droppedAttachments: ReadonlyArray<{ readonly filename: string; readonly size: number }>;
  readonly attachmentLimitMB: number;
  /** The zone dates are written in (default UTC: the companion does not know the reader's zone). */
  readonly timeZone?: string;
};

export type RenderedNotice = { readonly subject: string; readonly text: string; readonly html: string };

const maxSubjectLength = 200;

/**
 * Text from the mail (a subject, a file name) put on one line: control characters and line separators would
 * break the header it goes into or forge lines in the body, and a very long subject would drown the notice.
 */
function oneLine(value: string, max = maxSubjectLength): string {
  const flat = value
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function formatSize(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

function formatDate(iso: string | null, texts: NoticeTexts, timeZone: string): string {
  if (iso === null) {
    return texts.unknownDate;
  }
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    return oneLine(iso);
  }
  return new Intl.DateTimeFormat(texts.dateLocale, { dateStyle: 'long', timeStyle: 'long', timeZone }).format(
    new Date(ms),
  );
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/**
 * N1: a notice in the recipient's locale that says in words what was not logged and why, what to do about it,
 * which message it concerns (subject, date) and the reason codes. Plain text, with a simple HTML alternative
 * made of the same sentences (every value escaped).
 */
export function renderNotice(content: NoticeContent): RenderedNotice {
  const texts = noticeTexts[content.locale];
  const words = texts.reasons[content.reason];
  const subjectText = content.original.subject === null ? '' : oneLine(content.original.subject);
  const originalSubject = subjectText === '' ? texts.noSubject : subjectText;
  const values = {
    subject: originalSubject,
    recipient: content.recipient,
    count: content.droppedAttachments.length,
    limit: content.attachmentLimitMB,
    mailbox: content.loggingMailbox,
  };
  const files =
    content.reason === 'attachment-over-limit'
      ? content.droppedAttachments.map((a) =>
          fillTemplate(texts.labels.droppedFile, {
            filename: oneLine(a.filename, 255),
            size: formatSize(a.size),
          }),
        )
      : [];
  const codes = [content.reason, ...content.reasonCodes.filter((c) => c !== content.reason)];
  const details: ReadonlyArray<readonly [string, string]> = [
    [texts.labels.subject, originalSubject],
    [texts.labels.date, formatDate(content.original.date, texts, content.timeZone ?? 'UTC')],
    ...(content.original.messageId === null
      ? []
      : [[texts.labels.messageId, oneLine(content.original.messageId, 998)] as const]),
  ];
  const greeting = fillTemplate(texts.greeting, values);
  const what = fillTemplate(words.what, values);
  const action = fillTemplate(words.action, values);
  const reasonLine = `${texts.labels.reasonCodes}: ${codes.join(texts.listSeparator)}`;

  const text = [
    greeting,
    '',
    what,
    ...files.map((f) => `  - ${f}`),
    '',
    action,
    '',
    `${texts.labels.originalMessage}:`,
    ...details.map(([label, value]) => `  ${label}: ${value}`),
    reasonLine,
    '',
    texts.closing,
    '',
  ].join('\n');

  const html = [
    `<!DOCTYPE html><html lang="${texts.locale}"><head><meta charset="utf-8"></head><body>`,
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(what)}</p>`,
    files.length === 0 ? '' : `<ul>${files.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>`,
    `<p>${escapeHtml(action)}</p>`,
    `<p>${escapeHtml(texts.labels.originalMessage)}:</p>`,
    `<table>${details
      .map(
        ([label, value]) =>
          `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
      )
      .join('')}</table>`,
    `<p>${escapeHtml(reasonLine)}</p>`,
    `<p><small>${escapeHtml(texts.closing)}</small></p>`,
    '</body></html>',
  ].join('\n');

  return { subject: fillTemplate(words.subject, values), text, html };
}
