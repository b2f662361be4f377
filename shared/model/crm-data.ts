/** The CRM's data as CRM.json writes it (docs/rules.md#results) and as `decide()` reads it (docs/rules.md#words "Facts"). */

export type Locale = 'en' | 'ja';

export type Settings = {
  readonly bccAddress: string;
  readonly forwardingAddress: string;
  readonly requireToken: boolean;
  readonly internalDomains: ReadonlyArray<string>;
  readonly attachmentLimitMB: number;
  readonly dealsPerContact: number;
  readonly dealSort: 'createdAt';
  /** Extra free-mail domains, added to the built-in list (B7). */
  readonly freeMailDomains: ReadonlyArray<string>;
  /** Require DMARC pass from the account's own server for tokenless addresses (beyond; `dmarc-fail`). */
  readonly requireDmarc: boolean;
  /** The `authserv-id` of the account's own receiving server, the only Authentication-Results trusted. */
  readonly authServId: string | null;
  /** B2: addresses of one message looked up in a remote CRM at most; the rest are answered from the cache. */
  readonly maxFactLookups: number;
};

export const defaultSettings: Settings = {
  bccAddress: 'log+bcc@corp.example',
  forwardingAddress: 'log+fwd@corp.example',
  requireToken: false,
  internalDomains: ['corp.example'],
  attachmentLimitMB: 30,
  dealsPerContact: 5,
  dealSort: 'createdAt',
  freeMailDomains: [],
  requireDmarc: false,
  authServId: null,
  maxFactLookups: 200,
};

export type User = {
  readonly id: number;
  readonly email: string;
  readonly name?: string;
  readonly aliases: ReadonlyArray<string>;
  readonly token: string | null;
  readonly neverLog: ReadonlyArray<string>;
  readonly locale: Locale;
  /** Personal logging addresses (C1 personal mode). */
  readonly bccAddress?: string;
  readonly forwardingAddress?: string;
};

export type Company = { readonly domain: string; readonly name: string };

export type Contact = {
  readonly email: string;
  readonly name: string;
  /** The primary company's domain. */
  readonly company: string | null;
};

export type DealStage = 'open' | 'won' | 'lost';

export type Deal = {
  readonly id: string;
  readonly name: string;
  readonly stage: DealStage;
  readonly createdAt: string;
  readonly contacts: ReadonlyArray<string>;
};

/** An earlier logged email whose identity key a new message shares (R2). */
export type LoggedIdentity = { readonly key: string; readonly messageId: string | null };

/**
 * A snapshot of what `decide()` needs. A backend may hand over only the part relevant to one message
 * (`neededFacts` says which), so "not in facts" means "does not exist".
 */
export type Facts = {
  readonly settings: Settings;
  readonly users: ReadonlyArray<User>;
  readonly contacts: ReadonlyArray<Contact>;
  readonly companies: ReadonlyArray<Company>;
  readonly deals: ReadonlyArray<Deal>;
  /** The account-wide never-log list. */
  readonly neverLog: ReadonlyArray<string>;
  /** Already logged emails sharing one of the message's identity keys. */
  readonly logged: ReadonlyArray<LoggedIdentity>;
};

/** CRM.json: only `users` is required; everything else is upserted when present. */
export type CrmData = {
  readonly settings?: Partial<Settings>;
  readonly users: ReadonlyArray<Partial<User> & { readonly id: number; readonly email: string }>;
  readonly companies?: ReadonlyArray<Company>;
  readonly contacts?: ReadonlyArray<Partial<Contact> & { readonly email: string }>;
  readonly deals?: ReadonlyArray<Deal>;
  readonly neverLog?: ReadonlyArray<string>;
};

/** Which facts one message needs (read-through cache: a remote backend fetches just these). */
export type FactsQuery = {
  /** Normalised addresses of every person the message names (senders, recipients, forwarded sender). */
  readonly addresses: ReadonlyArray<string>;
  /** Display names to match when a forwarded sender has no address (F6). */
  readonly names: ReadonlyArray<string>;
  /** The message's identity keys (R2): Message-ID and content key. */
  readonly identityKeys: ReadonlyArray<string>;
};
