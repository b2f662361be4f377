import type { Result } from '#shared/util/result.js';

/** A recipient as Outlook gives it. */
export type Recipient = { readonly emailAddress: string; readonly displayName: string };
export type RecipientField = 'to' | 'cc' | 'bcc';

/** Why an Office call did not give what was asked: it failed, or this host lacks the API (too old a set). */
export type HostError = {
  readonly kind: 'failed' | 'unsupported';
  readonly message: string;
  /** The requirement set (Mailbox 1.x minor number) the call needs, when `unsupported`. */
  readonly needsSet?: number;
};
export type HostResult<T> = Result<T, HostError>;

/** The open message in read mode: what the read pane and the forwardability check need. */
export type ReadItem = {
  readonly from: Recipient | null;
  readonly to: ReadonlyArray<Recipient>;
  readonly cc: ReadonlyArray<Recipient>;
  readonly subject: string;
  readonly internetMessageId: string | null;
  readonly dateTimeCreated: string | null;
};

export type KeyValueStore = {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
};

/**
 * Everything the add-in asks of Outlook, as promises of data (docs/addin.md). Only `office-async.ts` implements
 * it over Office.js; the panes, the launch events and their tests see nothing else.
 */
export type OutlookHost = {
  /** The Office display language (`en-US`, `ja-JP`…). */
  readonly displayLanguage: string;
  readonly mode: 'compose' | 'read' | 'none';
  /** The signed-in mailbox's own address. */
  readonly userEmail: string;
  /** Whether this host implements Mailbox 1.`minor`. */
  supportsSet(minor: number): boolean;
  getRecipients(field: RecipientField): Promise<HostResult<ReadonlyArray<Recipient>>>;
  addRecipients(field: RecipientField, list: ReadonlyArray<Recipient>): Promise<HostResult<void>>;
  setRecipients(field: RecipientField, list: ReadonlyArray<Recipient>): Promise<HostResult<void>>;
  getSubject(): Promise<HostResult<string>>;
  /** The sending account in compose (1.7), else the signed-in user. */
  getFrom(): Promise<HostResult<Recipient>>;
  /** Per compose session (1.11); without it, kept on the item as a custom property. */
  getSessionValue(key: string): Promise<HostResult<string | null>>;
  setSessionValue(key: string, value: string): Promise<HostResult<void>>;
  /** The message's notification bar (1.3). */
  showNotification(key: string, message: string, kind: 'info' | 'error'): Promise<HostResult<void>>;
  /** Read mode: the open message. */
  readItem(): ReadItem | null;
  /** Read mode: the message's own MIME, base64 (1.14). */
  getAsFile(): Promise<HostResult<string>>;
  /** Calls `listener` when To, Cc or Bcc change (1.7); returns false where the host cannot tell. */
  onRecipientsChanged(listener: () => void): Promise<boolean>;
  /** The add-in's own storage on this computer (a pane's pairing token lives here). */
  readonly storage: KeyValueStore;
};
