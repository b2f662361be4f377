import { z } from 'zod';
import type { LogResult } from '../model/log-result.js';
import { reasonCodes } from '../model/reason-code.js';

/**
 * The log result of docs/rules.md#results as a schema, so that every transport (HTTP, Electron IPC, the add-in)
 * checks what it receives. The TypeScript type stays in `shared/model/log-result.ts`; the assertions at the bottom
 * fail to compile when the two drift apart.
 */

export const reasonCodeSchema = z.enum(reasonCodes);
export const logStatusSchema = z.enum(['logged', 'skipped', 'rejected', 'duplicate']);
export const syncStateSchema = z.enum(['local', 'pending', 'synced', 'failed']);
const routeSchema = z.enum(['bcc', 'forward', 'log-now']);
export const forwardClientSchema = z.enum([
  'gmail',
  'outlook-win',
  'outlook-mac',
  'outlook-web',
  'outlook-ios',
  'outlook-android',
  'apple-mail',
  'thunderbird',
  'yahoo',
  'generic',
  'quoted-reply',
]);
const skipReasonSchema = z.enum(['never-log', 'internal-recipient', 'bcc-recipient', 'logging-address']);
const noticeReasonSchema = z.enum([
  'attachment-over-limit',
  'forward-format-unrecognized',
  'forward-of-own-message',
  'forward-sender-unknown',
  'token-mismatch',
  'sender-not-user',
]);

const emailSummarySchema = z.object({
  direction: z.enum(['outgoing', 'incoming']),
  from: z.string(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  subject: z.string(),
  date: z.string().nullable(),
  source: z.enum(['message', 'forwarded-block', 'quoted-history', 'attached-message']),
  parts: z.array(z.enum(['text', 'html'])),
});

export const contactLinkSchema = z.object({
  email: z.string(),
  created: z.boolean(),
  role: z.enum(['to', 'cc', 'sender']),
});

export const skippedRecipientSchema = z.object({ email: z.string(), reason: skipReasonSchema });

export const logResultSchema = z.object({
  file: z.string().optional(),
  messageId: z.string().nullable(),
  route: routeSchema,
  status: logStatusSchema,
  reasons: z.array(reasonCodeSchema),
  owner: z.string().nullable(),
  duplicateOf: z.string().nullable().optional(),
  email: emailSummarySchema.optional(),
  forward: z.object({ client: forwardClientSchema, confidence: z.number(), note: z.string() }).optional(),
  contacts: z.array(contactLinkSchema),
  skippedRecipients: z.array(skippedRecipientSchema),
  companies: z.array(z.string()),
  deals: z.array(z.string()),
  attachments: z.object({
    logged: z.array(z.object({ filename: z.string(), size: z.number(), sha256: z.string() })),
    dropped: z.array(
      z.object({ filename: z.string(), size: z.number(), reason: z.literal('attachment-over-limit') }),
    ),
  }),
  notices: z.array(z.object({ to: z.string(), reason: noticeReasonSchema, sent: z.boolean() })),
  sync: syncStateSchema,
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Readonly-ness aside, the schema and the model type must describe the same object.
type Mutable<T> =
  T extends ReadonlyArray<infer U>
    ? Array<Mutable<U>>
    : T extends object
      ? { -readonly [K in keyof T]: Mutable<T[K]> }
      : T;
export const logResultSchemaMatchesModel: Same<Mutable<LogResult>, z.infer<typeof logResultSchema>> = true;
