import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { err, ok, type Result } from '#shared/util/result.js';
import { describeSchemaIssue } from '#shared/util/describe-schema-issue.js';
import { cleartextRefusal } from '../core/is-loopback-host.js';
import { readableByOthers } from './readable-by-others.js';
import {
  companionConfigSchema,
  type BackendConfig,
  type CompanionConfig,
  type CompanionConfigFile,
} from './companion-config.js';

/** The environment variables that may carry secrets instead of the file (docs/deployment.md). */
const secretVariables = {
  mailboxPassword: 'CRM_MAIL_LOGGER_MAILBOX_PASSWORD',
  mailboxAccessToken: 'CRM_MAIL_LOGGER_MAILBOX_ACCESS_TOKEN',
  hubspotToken: 'CRM_MAIL_LOGGER_HUBSPOT_TOKEN',
  postgresPassword: 'CRM_MAIL_LOGGER_POSTGRES_PASSWORD',
} as const;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads CONFIG.json for `serve` (docs/deployment.md, C4): refuses a file that others can read (it may hold secrets), names
 * any unknown key (a typo must not silently drop a setting), takes secrets from the environment where the file
 * has none, and resolves relative paths against the file's own folder.
 */
export async function loadCompanionConfig(file: string, env: Env): Promise<Result<CompanionConfig, string>> {
  let mode: number;
  let text: string;
  try {
    mode = (await stat(file)).mode;
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    return err(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : String(error)}`);
  }
  const exposed = readableByOthers(file, mode);
  if (exposed !== null) {
    return err(`${exposed}; it may hold secrets: chmod 600 ${file}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return err(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = companionConfigSchema.safeParse(raw);
  if (!parsed.success) {
    return err(`${file}: ${describeSchemaIssue(parsed.error, 'config', true)}`);
  }
  const cleartext = tlsProblem(parsed.data);
  if (cleartext !== null) {
    return err(`${file}: ${cleartext}`);
  }
  const resolved = resolveConfig(parsed.data, path.dirname(path.resolve(file)), env);
  return resolved.ok ? resolved : err(`${file}: ${resolved.error}`);
}

/** C1: `tls: "none"` only for a loopback host, and never with `secure` (implicit TLS). */
function tlsProblem(config: CompanionConfigFile): string | null {
  for (const [where, server] of [
    ['mailbox', config.mailbox],
    ['smtp', config.smtp],
  ] as const) {
    if (server?.tls !== 'none') {
      continue;
    }
    if (server.secure) {
      return `${where}.tls: "none" contradicts secure: true (implicit TLS)`;
    }
    const refusal = cleartextRefusal(where, server.host);
    if (refusal !== null) {
      return refusal;
    }
  }
  return config.backend.kind === 'postgres' ? postgresUrlProblem(config.backend) : null;
}

/** The URL must parse as `postgres://`, and `tls: "none"` is for a loopback host only, as for IMAP (C1). */
function postgresUrlProblem(
  backend: Extract<CompanionConfigFile['backend'], { kind: 'postgres' }>,
): string | null {
  let url: URL;
  try {
    url = new URL(backend.url);
  } catch {
    return 'backend.url: not a URL (postgres://USER@HOST:PORT/DATABASE)';
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    return `backend.url: postgres://USER@HOST:PORT/DATABASE, not ${url.protocol}//…`;
  }
  if (url.hostname === '' || url.pathname.replace(/^\//, '') === '' || url.username === '') {
    return 'backend.url: names the host, the user and the database (postgres://USER@HOST:PORT/DATABASE)';
  }
  if (url.search !== '') {
    return 'backend.url: no ?options: TLS is set by backend.tls and backend.caFile';
  }
  return backend.tls === 'none' ? cleartextRefusal('backend', url.hostname) : null;
}

/** Paths made absolute against the file's folder, and each secret the file lacks taken from the environment. */
function resolveConfig(config: CompanionConfigFile, base: string, env: Env): Result<CompanionConfig, string> {
  const { store, crm, mailbox, backend, ...rest } = config;
  const resolvedBackend = resolveBackend(backend, base, env);
  if (!resolvedBackend.ok) {
    return resolvedBackend;
  }
  const resolved = {
    ...rest,
    store: path.resolve(base, store),
    ...(crm === undefined ? {} : { crm: path.resolve(base, crm) }),
    backend: resolvedBackend.value,
  };
  if (mailbox === undefined) {
    return ok(resolved);
  }
  const {
    password: filePassword,
    accessToken: fileToken,
    allowUntrustedCertificate,
    ...connection
  } = mailbox;
  const password = filePassword ?? env[secretVariables.mailboxPassword];
  const accessToken = fileToken ?? env[secretVariables.mailboxAccessToken];
  if (!password && !accessToken) {
    return err(
      `mailbox: a password or accessToken is required (or ${secretVariables.mailboxPassword} / ${secretVariables.mailboxAccessToken})`,
    );
  }
  return ok({
    ...resolved,
    mailbox: {
      ...connection,
      ...(password ? { password } : { accessToken }),
      ...(allowUntrustedCertificate === true ? { allowUntrustedCertificate } : {}),
    },
  });
}

function resolveBackend(
  backend: CompanionConfigFile['backend'],
  base: string,
  env: Env,
): Result<BackendConfig, string> {
  if (backend.kind === 'local') {
    return ok(backend);
  }
  if (backend.kind === 'postgres') {
    const inUrl = decodeURIComponent(new URL(backend.url).password);
    const password =
      backend.password ?? (inUrl === '' ? undefined : inUrl) ?? env[secretVariables.postgresPassword];
    if (!password) {
      return err(
        `backend.password is required for postgres (in backend.url, backend.password or ${secretVariables.postgresPassword})`,
      );
    }
    const { caFile, ...rest } = backend;
    return ok({
      ...rest,
      password,
      tls: backend.tls ?? 'verify-full',
      ...(caFile === undefined ? {} : { caFile: path.resolve(base, caFile) }),
    });
  }
  const accessToken = backend.accessToken ?? env[secretVariables.hubspotToken];
  return accessToken
    ? ok({ ...backend, accessToken })
    : err(`backend.accessToken is required for hubspot (or ${secretVariables.hubspotToken})`);
}
