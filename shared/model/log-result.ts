import type { Route } from './parsed-message.js';
import type { NoticeReason, ReasonCode, SkipReason } from './reason-code.js';

/** docs/rules.md#results: the machine-readable result of one message. Stable: tests and tools depend on it. */

export type LogStatus = 'logged' | 'skipped' | 'rejected' | 'duplicate';
export type Direction = 'outgoing' | 'incoming';
export type EmailSource = 'message' | 'forwarded-block' | 'quoted-history' | 'attached-message';
export type BodyPart = 'text' | 'html';
export type SyncState = 'local' | 'pending' | 'synced' | 'failed';

export type ForwardClient =
  | 'gmail'
  | 'outlook-win'
  | 'outlook-mac'
  | 'outlook-web'
  | 'outlook-ios'
  | 'outlook-android'
  | 'apple-mail'
  | 'thunderbird'
  | 'yahoo'
  | 'generic'
  | 'quoted-reply';

export type EmailSummary = {
  readonly direction: Direction;
  readonly from: string;
  readonly to: ReadonlyArray<string>;
  readonly cc: ReadonlyArray<string>;
  readonly subject: string;
  readonly date: string | null;
  readonly source: EmailSource;
  readonly parts: ReadonlyArray<BodyPart>;
};

export type ForwardSummary = {
  readonly client: ForwardClient;
  readonly confidence: number;
  readonly note: string;
};

export type ContactLink = {
  readonly email: string;
  readonly created: boolean;
  readonly role: 'to' | 'cc' | 'sender';
};

export type SkippedRecipient = { readonly email: string; readonly reason: SkipReason };

export type LoggedAttachment = { readonly filename: string; readonly size: number; readonly sha256: string };
export type DroppedAttachment = {
  readonly filename: string;
  readonly size: number;
  readonly reason: 'attachment-over-limit';
};

export type Notice = { readonly to: string; readonly reason: NoticeReason; readonly sent: boolean };

/** What every result says, whatever it carries besides (docs/rules.md#results); `Decision` shares it with `LogResult`. */
export type ResultOutline = {
  readonly route: Route;
  readonly status: LogStatus;
  readonly reasons: ReadonlyArray<ReasonCode>;
  readonly owner: string | null;
  readonly duplicateOf?: string | null;
  readonly forward?: ForwardSummary;
  readonly skippedRecipients: ReadonlyArray<SkippedRecipient>;
  readonly companies: ReadonlyArray<string>;
  readonly deals: ReadonlyArray<string>;
  readonly attachments: {
    readonly logged: ReadonlyArray<LoggedAttachment>;
    readonly dropped: ReadonlyArray<DroppedAttachment>;
  };
};

export type LogResult = ResultOutline & {
  readonly file?: string;
  readonly messageId: string | null;
  readonly email?: EmailSummary;
  readonly contacts: ReadonlyArray<ContactLink>;
  readonly notices: ReadonlyArray<Notice>;
  readonly sync: SyncState;
};
