import { z } from 'zod';

/*
 * CONFIG.json of `crm-mail-logger serve --config` as a zod schema (docs/deployment.md): what the file may say,
 * with the defaults it may leave out. Secrets may instead come from the environment, and relative paths are
 * relative to the file's folder: load-companion-config.ts does both after this schema has read the file.
 * A new key goes into its object's shape below; the loader passes it through.
 */

/** The companion's fixed default port, so the add-in's manifest can name it. */
export const defaultUiPort = 47806;

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

/**
 * C1: `required` (the default): implicit TLS when `secure`, else STARTTLS, which must succeed (never a fallback to
 * cleartext); `none`: cleartext, allowed only for a loopback host (the loader checks the host).
 */
const tlsSchema = z.enum(['required', 'none'], { error: '"required" or "none"' });
export type TlsMode = z.output<typeof tlsSchema>;

/**
 * The team PostgreSQL's TLS, as libpq's `sslmode` names it: `verify-full` (the default) checks the certificate and
 * the host name, `require` encrypts without checking who answers, `none` is cleartext, loopback only.
 */
const postgresTlsSchema = z.enum(['verify-full', 'require', 'none'], {
  error: '"verify-full", "require" or "none"',
});
export type PostgresTlsMode = z.output<typeof postgresTlsSchema>;

/** C1: days the raw bytes of rejected, skipped and duplicate messages are kept (for `reprocess`). */
export const defaultRawRetentionDays = 30;

/**
 * C1: below this much free space under the store the intake pauses. Room for the largest message accepted
 * (150 MiB, `limits.ts`) stored twice, as raw bytes and as its attachments, with a margin for SQLite's WAL.
 */
export const defaultMinFreeDiskMB = 1024;

const wholeAtLeast = (min: number, what: string) =>
  z.number({ error: what }).refine((n) => Number.isInteger(n) && n >= min, what);

/**
 * C1: the floor of `mailbox.lowLatency.resyncIntervalMs`. Each resync is one IMAP command (NOOP), so 100 ms is 10
 * commands a second per companion: fine on IT's own Dovecot, already more than a shared or hosted server should get
 * (docs/deployment.md#low-latency-mode); below it the wait saved is smaller than a loopback round trip's noise.
 */
export const minResyncIntervalMs = 100;

const lowLatencySchema = strict({
  /** The watched folder is asked about this often while the intake waits, instead of waiting for IDLE's news. */
  resyncIntervalMs: wholeAtLeast(
    minResyncIntervalMs,
    `a whole number of milliseconds, at least ${minResyncIntervalMs} (one IMAP command per resync)`,
  ),
});

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
  /** Absent: `required`. */
  tls: tlsSchema.optional(),
  /** For IT's own server only: re-check the watched folder every `resyncIntervalMs` while waiting. Absent: IDLE alone. */
  lowLatency: lowLatencySchema.optional(),
});

const smtpSchema = strict({
  host: text,
  port,
  secure: flag.default(false),
  /** The notices' From: the logging mailbox (N1). */
  from: text,
  user: text.optional(),
  password: text.optional(),
  /** Absent: `required`. */
  tls: tlsSchema.optional(),
});

const backendSchema = z.discriminatedUnion(
  'kind',
  [
    strict({ kind: z.literal('local') }),
    strict({ kind: z.literal('hubspot'), accessToken: text.optional(), baseUrl: text.optional() }),
    strict({
      kind: z.literal('postgres'),
      /** `postgres://USER@HOST:PORT/DATABASE`; the password may be in it, in `password`, or in the environment. */
      url: text,
      password: text.optional(),
      /** Absent: `verify-full`. `none` only for a loopback host (the loader checks it), as for IMAP. */
      tls: postgresTlsSchema.optional(),
      /** PEM file of the CA that signed the server's certificate (`verify-full`, `require`); default: the system's. */
      caFile: text.optional(),
      /** Connections this companion opens at most (default 4). */
      poolMax: wholeAtLeast(1, 'a whole number of connections, at least 1').optional(),
    }),
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
  /** Default `defaultRawRetentionDays`. */
  rawRetentionDays: wholeAtLeast(1, 'a whole number of days, at least 1').optional(),
  /** Default `defaultMinFreeDiskMB`. */
  minFreeDiskMB: wholeAtLeast(0, 'a whole number of megabytes, 0 or more').optional(),
  /** CRM.json imported at start (upsert). */
  crm: text.optional(),
  mailbox: mailboxSchema.optional(),
  smtp: smtpSchema.optional(),
  backend: backendSchema.default({ kind: 'local' }),
  /** The local API and window (docs/api.md): on `https://localhost:PORT` (0: any free port), or false for none. */
  ui: z
    .union([
      z.literal(false),
      strict({
        port: z
          .number({ error: 'a port number from 0 to 65535 is required' })
          .refine(
            (n) => Number.isInteger(n) && n >= 0 && n <= 65535,
            'a port number from 0 to 65535 is required',
          ),
      }),
    ])
    .default({ port: defaultUiPort }),
});

/** CONFIG.json as the file says it, defaults filled in. */
export type CompanionConfigFile = z.output<typeof companionConfigSchema>;

type FileBackend = CompanionConfigFile['backend'];

/** The team PostgreSQL as CONFIG.json names it, its password resolved and `caFile` made absolute. */
export type PostgresBackendConfig = Extract<FileBackend, { kind: 'postgres' }> & {
  readonly password: string;
  readonly tls: PostgresTlsMode;
};

/** The CRM backend, its secret resolved: HubSpot always has its token, PostgreSQL its password. */
export type BackendConfig =
  | Extract<FileBackend, { kind: 'local' }>
  | (Extract<FileBackend, { kind: 'hubspot' }> & { readonly accessToken: string })
  | PostgresBackendConfig;

/** CONFIG.json ready to run: paths absolute, secrets from the file or the environment. */
export type CompanionConfig = Readonly<Omit<CompanionConfigFile, 'backend'>> & {
  readonly backend: BackendConfig;
};

export type UiConfig = CompanionConfigFile['ui'];
