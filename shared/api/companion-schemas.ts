import { z } from 'zod';
import {
  contactLinkSchema,
  logResultSchema,
  logStatusSchema,
  reasonCodeSchema,
  skippedRecipientSchema,
  forwardClientSchema,
} from './log-result.schema.js';

/** The values the local API carries (docs/api.md). Types are derived from these schemas, never written twice. */

const isoDate = z.string().min(1);
const address = z.string().min(3).max(320);
const localeSchema = z.enum(['en', 'ja']);

/** A log result as the journal keeps it: the result plus its journal id and when it was committed. */
export const resultEntrySchema = logResultSchema.extend({ id: z.number().int().positive(), at: isoDate });
export type ResultEntry = z.infer<typeof resultEntrySchema>;

/** What the detail view shows besides the result: names for the domains, deal ids and contacts it lists. */
export const resultDetailSchema = resultEntrySchema.extend({
  labels: z.object({
    companies: z.array(z.object({ domain: z.string(), name: z.string() })),
    deals: z.array(z.object({ id: z.string(), name: z.string(), stage: z.enum(['open', 'won', 'lost']) })),
    contacts: z.array(z.object({ email: z.string(), name: z.string() })),
  }),
  /** The actions that fit this result (docs/rules.md#c6). */
  actions: z.array(z.enum(['retry', 'reprocess', 'forget'])),
});
export type ResultDetail = z.infer<typeof resultDetailSchema>;

export const connectionStateSchema = z.enum([
  'not-configured',
  'connecting',
  'connected',
  'offline',
  'auth-failed',
  'paused-low-disk',
  'stopped',
]);

export const statusSchema = z.object({
  version: z.string(),
  /** The companion's own user (personal mode), null for IT's shared `serve`. */
  user: z.object({ email: z.string(), name: z.string().nullable() }).nullable(),
  /** True while the store holds only the clearly marked sample account of a first start. */
  sample: z.boolean(),
  setupComplete: z.boolean(),
  mailbox: z.object({
    state: connectionStateSchema,
    detail: z.string().nullable(),
    /** `user@host:port/folder`, no secrets. */
    label: z.string().nullable(),
  }),
  backend: z.object({
    kind: z.enum(['local', 'hubspot', 'postgres']),
    state: z.enum(['ok', 'offline', 'auth-failed', 'unknown']),
    detail: z.string().nullable(),
  }),
  outbox: z.object({
    pending: z.number().int(),
    failed: z.number().int(),
    synced: z.number().int(),
  }),
  /** Rejected results and failed syncs since the window last marked them seen (the tray badge). */
  unreadFailures: z.number().int(),
  lastError: z.object({ at: isoDate, message: z.string() }).nullable(),
});
export type CompanionStatus = z.infer<typeof statusSchema>;

export const resultsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  /** Results with a journal id below this one (the next page of a newest-first list). */
  before: z.coerce.number().int().positive().optional(),
  status: logStatusSchema.optional(),
  /** Failed syncs only. */
  sync: z.enum(['failed', 'pending']).optional(),
  /** Words matched against subject, counterpart, owner and reason codes. */
  q: z.string().max(200).optional(),
});
export const resultsPageSchema = z.object({
  items: z.array(resultEntrySchema),
  /** Pass as `before` for the next page; null at the end. */
  nextBefore: z.number().int().nullable(),
});

export const idInputSchema = z.strictObject({ id: z.coerce.number().int().positive() });
/** Pairings and import jobs are named by random string ids. */
export const stringIdInputSchema = z.strictObject({ id: z.string().min(1).max(100) });

/** Account settings (CRM.json `settings`) that the window edits. */
const accountSettingsSchema = z.object({
  bccAddress: address,
  forwardingAddress: address,
  requireToken: z.boolean(),
  requireDmarc: z.boolean(),
  internalDomains: z.array(z.string().min(1)),
  attachmentLimitMB: z.number().positive().max(150),
  dealsPerContact: z.number().int().min(0).max(50),
  freeMailDomains: z.array(z.string().min(1)),
});

/** The companion's own preferences (kept in its settings file, not in the CRM). */
export const companionPrefsSchema = z.object({
  /** `auto` follows the operating system's language. */
  locale: z.enum(['auto', 'en', 'ja']),
  /** A2: the add-in's "log every new message" default for this user. */
  defaultLogOn: z.boolean(),
  desktopNotifications: z.boolean(),
  /** Origins of add-in pages allowed to call the API besides the companion itself (https only). */
  addinOrigins: z.array(z.string().url()),
  /** Where the add-in pages load Office.js from. */
  officeJsSource: z.enum(['microsoft', 'companion']),
});

const mailboxSettingsSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean(),
  tls: z.enum(['required', 'none']),
  user: z.string().min(1),
  folder: z.string().min(1),
  onlyFor: z.string().nullable(),
  /** Whether a password or token is stored (the secret itself never leaves the companion). */
  hasSecret: z.boolean(),
});

const backendSettingsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local') }),
  z.object({ kind: z.literal('hubspot'), baseUrl: z.string().nullable(), hasSecret: z.boolean() }),
  z.object({ kind: z.literal('postgres'), url: z.string(), hasSecret: z.boolean() }),
]);

export const settingsSchema = z.object({
  account: accountSettingsSchema,
  companion: companionPrefsSchema,
  mailbox: mailboxSettingsSchema.nullable(),
  backend: backendSettingsSchema,
  /** False when the settings come from IT's config file (`serve --config`): the window shows them read-only. */
  editable: z.boolean(),
});
export type CompanionSettings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = z.strictObject({
  account: accountSettingsSchema.partial().strict().optional(),
  companion: companionPrefsSchema.partial().strict().optional(),
});

/** First-run setup: what the user types; the secret travels once, to be stored by the companion (C4). */
export const mailboxInputSchema = mailboxSettingsSchema
  .omit({ hasSecret: true })
  .extend({ password: z.string().min(1).max(4096).optional() })
  .strict();
export const backendInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('local') }),
  z.strictObject({
    kind: z.literal('hubspot'),
    baseUrl: z.string().url().nullable().optional(),
    accessToken: z.string().min(1).max(4096).optional(),
  }),
  z.strictObject({
    kind: z.literal('postgres'),
    url: z.string().min(1).max(4096),
    password: z.string().min(1).max(4096).optional(),
    tls: z.enum(['verify-full', 'require', 'none']).optional(),
  }),
]);
export const connectionInputSchema = z.strictObject({
  mailbox: mailboxInputSchema.nullable().optional(),
  backend: backendInputSchema.optional(),
});
const checkOutcome = z.object({ ok: z.boolean(), message: z.string() });
export const connectionTestSchema = z.object({
  mailbox: checkOutcome.nullable(),
  backend: checkOutcome.nullable(),
});

export const neverLogListSchema = z.object({
  account: z.array(z.string()),
  personal: z.array(z.object({ user: z.string(), entries: z.array(z.string()) })),
});
export const neverLogEntryInputSchema = z.strictObject({
  entry: z.string().min(1).max(320),
  /** The user whose personal list it is; absent = the account list. */
  user: address.optional(),
});

export const meSchema = z.object({
  email: z.string(),
  name: z.string().nullable(),
  locale: localeSchema,
  /** The tokenized addresses the add-in puts on Bcc (A1) and shows for forwarding. */
  bccAddress: z.string(),
  forwardingAddress: z.string(),
  defaultLogOn: z.boolean(),
});

const recipientList = z.array(z.string().max(400)).max(500);
export const checkMessageInputSchema = z.strictObject({
  from: z.string().max(400).optional(),
  to: recipientList,
  cc: recipientList.default([]),
  bcc: recipientList.default([]),
  subject: z.string().max(2000).default(''),
});
/** A3: what logging this message would do, computed by the same `decide()`; nothing is written. */
export const checkMessageOutputSchema = z.object({
  status: logStatusSchema,
  reasons: z.array(reasonCodeSchema),
  owner: z.string().nullable(),
  contacts: z.array(contactLinkSchema.extend({ name: z.string() })),
  skippedRecipients: z.array(skippedRecipientSchema),
  companies: z.array(z.object({ domain: z.string(), name: z.string() })),
  deals: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const mimeInputSchema = z.strictObject({ mime: z.string().min(1) });
export const checkForwardInputSchema = z.union([
  mimeInputSchema,
  z.strictObject({
    headers: z.strictObject({
      from: z.string().max(400),
      subject: z.string().max(2000).default(''),
      messageId: z.string().max(1000).nullable().default(null),
      date: z.string().max(100).nullable().default(null),
    }),
  }),
]);
/** A4: whether forwarding this message to the forwarding address would log it, and why not. */
export const checkForwardOutputSchema = z.object({
  loggable: z.boolean(),
  reasons: z.array(reasonCodeSchema),
  wouldLog: z
    .object({
      from: z.string(),
      subject: z.string(),
      date: z.string().nullable(),
      source: z.enum(['message', 'forwarded-block', 'quoted-history', 'attached-message']),
      client: forwardClientSchema.nullable(),
    })
    .nullable(),
  /** When it is already logged: the result that logged it. */
  alreadyLogged: z.object({ id: z.number().int(), at: isoDate }).nullable(),
});

export const selfTestOutputSchema = z.object({
  to: z.string(),
  messageId: z.string(),
  /** False when the companion has no SMTP to send through; `message` then says what to do. */
  sent: z.boolean(),
  message: z.string(),
});

export const importInputSchema = z.strictObject({ path: z.string().min(1).max(4096) });
export const importJobSchema = z.object({
  id: z.string(),
  path: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  done: z.number().int(),
  total: z.number().int().nullable(),
  counts: z.object({
    logged: z.number().int(),
    skipped: z.number().int(),
    rejected: z.number().int(),
    duplicate: z.number().int(),
  }),
  error: z.string().nullable(),
});

export const dailyStatsInputSchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(90).optional(),
});
export const dailyStatsSchema = z.object({
  days: z.array(
    z.object({
      /** The local calendar day, `YYYY-MM-DD`. */
      date: z.string(),
      logged: z.number().int(),
      skipped: z.number().int(),
      rejected: z.number().int(),
      duplicate: z.number().int(),
    }),
  ),
});

/** Pairing an Outlook profile's panes (docs/api.md#pairing). */
export const pairRequestInputSchema = z.strictObject({ profile: z.string().min(1).max(200) });
export const pairRequestSchema = z.object({
  requestId: z.string(),
  /** The short code the pane shows and the window shows beside the request. */
  code: z.string(),
  expiresAt: isoDate,
});
export const pairPollInputSchema = z.strictObject({ requestId: z.string().min(1).max(100) });
export const pairPollSchema = z.object({
  state: z.enum(['pending', 'allowed', 'denied', 'expired']),
  /** Given once, on the first poll after the user allowed the request. */
  token: z.string().nullable(),
});
export const pairingsSchema = z.object({
  requests: z.array(
    z.object({ id: z.string(), code: z.string(), profile: z.string(), origin: z.string(), at: isoDate }),
  ),
  paired: z.array(
    z.object({ id: z.string(), profile: z.string(), createdAt: isoDate, lastUsedAt: isoDate.nullable() }),
  ),
});

/** Server-sent events (`GET /api/v1/events`): the `event:` name is the `type`. */
export const companionEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), entry: resultEntrySchema }),
  z.object({ type: z.literal('status'), status: statusSchema }),
  z.object({ type: z.literal('import'), job: importJobSchema }),
  z.object({ type: z.literal('pairing'), pairings: pairingsSchema }),
]);
export type CompanionEvent = z.infer<typeof companionEventSchema>;

export const emptySchema = z.strictObject({});
export const removedSchema = z.object({ removed: z.boolean() });
