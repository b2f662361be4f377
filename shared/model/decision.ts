import type { ContactLink, EmailSummary, ResultOutline } from './log-result.js';
import type { NoticeReason } from './reason-code.js';

/** A contact the decision associates; `created` says it must be created (name from the display name, B4). */
export type ContactToLink = ContactLink & {
  readonly name: string;
  /** Its primary company's domain (existing link, or B7's match for a new contact). */
  readonly company: string | null;
};

/** The email as it will be written: the summary of docs/rules.md#results plus what is stored but not printed. */
export type EmailToLog = EmailSummary & {
  readonly fromName: string;
  readonly text: string | null;
  readonly html: string | null;
  /** The Message-ID of the logged email itself (the original's for F9 and log-now; else the message's). */
  readonly messageId: string | null;
};

/** R2: the keys by which a logged email is recognised again. */
export type IdentityKeys = {
  readonly messageId: string | null;
  readonly contentKey: string | null;
};

export type NoticeToSend = {
  readonly to: string;
  readonly reason: NoticeReason;
  readonly locale: 'en' | 'ja';
};

/** What `decide()` returns: pure data, everything the store needs to write one log result. */
export type Decision = ResultOutline & {
  readonly ownerId: number | null;
  readonly email?: EmailToLog;
  readonly contacts: ReadonlyArray<ContactToLink>;
  readonly notices: ReadonlyArray<NoticeToSend>;
  readonly identity: IdentityKeys;
};
