import { z } from 'zod';

/*
 * CONFIG.json of `crm-mail-logger serve --config` as a zod schema (docs/deployment.md): what the file may say,
 * with the defaults it may leave out. Secrets may instead come from the environment, and relative paths are
 * relative to the file's folder: load-companion-config.ts does both after this schema has read the file.
 * A new key goes into its object's shape below; the loader passes it through.
 */

const nonEmpty = 'a non-empty string is required';
const text = z.string({ error: nonEmpty }).refine((value) => value.trim() !== '', nonEmpty);
const flag = z.boolean({ error: 'true or false' });
const portMessage = 'a port number from 1 to 65535 is required';
const port = z
  .number({ error: portMessage })
  .refine((n) => Number.isInteger(n) && n >= 1 && n <= 65535, portMessage);

/** An object that names a key it does not know, and the keys it knows: a typo must not drop a setting. */
function strict<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `unknown key (known: ${known})` : 'must be an object',
  });
}

const mailboxSchema = strict({
  host: text,
  port,
  secure: flag.default(false),
  user: text,
  /** One of the two secrets: a password, or an OAuth access token for XOAUTH2 (or from the environment). */
  password: text.optional(),
  accessToken: text.optional(),
  /** The folder the logging addresses deliver to. */
  folder: text.default('INBOX'),
  /** C1 shared mode with per-user companions: claim only this user's messages. Absent: every message. */
  onlyFor: text.optional(),
  /** Accept a self-signed certificate (a test or on-premises server); never the default. */
  allowUntrustedCertificate: flag.optional(),
});

const smtpSchema = strict({
  host: text,
  port,
  secure: flag.default(false),
  /** The notices' From: the logging mailbox (N1). */
  from: text,
  user: text.optional(),
  password: text.optional(),
});

const backendSchema = z.discriminatedUnion(
  'kind',
  [
    strict({ kind: z.literal('local') }),
    strict({ kind: z.literal('hubspot'), accessToken: text.optional(), baseUrl: text.optional() }),
    strict({ kind: z.literal('postgres'), url: text }),
  ],
  {
    error: (issue) => {
      const input: unknown = issue.input;
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        return 'must be an object';
      }
      return `local, hubspot or postgres, not ${JSON.stringify((input as { kind?: unknown }).kind)}`;
    },
  },
);

export const companionConfigSchema = strict({
  store: text,
  /** CRM.json imported at start (upsert). */
  crm: text.optional(),
  mailbox: mailboxSchema.optional(),
  smtp: smtpSchema.optional(),
  backend: backendSchema.default({ kind: 'local' }),
});

/** CONFIG.json as the file says it, defaults filled in. */
export type CompanionConfigFile = z.output<typeof companionConfigSchema>;

type FileBackend = CompanionConfigFile['backend'];

/** The CRM backend, its secret resolved: HubSpot always has its token. */
export type BackendConfig =
  | Exclude<FileBackend, { kind: 'hubspot' }>
  | (Extract<FileBackend, { kind: 'hubspot' }> & { readonly accessToken: string });

/** CONFIG.json ready to run: paths absolute, secrets from the file or the environment. */
export type CompanionConfig = Readonly<Omit<CompanionConfigFile, 'backend'>> & {
  readonly backend: BackendConfig;
};
