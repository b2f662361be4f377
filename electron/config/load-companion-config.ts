import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { err, ok, type Result } from '../../shared/util/result.js';
import {
  defaultUiPort,
  type BackendConfig,
  type CompanionConfig,
  type MailboxConfig,
  type SmtpConfig,
  type UiConfig,
} from './companion-config.js';

/** The environment variables that may carry secrets instead of the file (SPEC §7). */
export const secretVariables = {
  mailboxPassword: 'CRM_MAIL_LOGGER_MAILBOX_PASSWORD',
  mailboxAccessToken: 'CRM_MAIL_LOGGER_MAILBOX_ACCESS_TOKEN',
  hubspotToken: 'CRM_MAIL_LOGGER_HUBSPOT_TOKEN',
} as const;

type Env = Readonly<Record<string, string | undefined>>;
type Json = Readonly<Record<string, unknown>>;

/**
 * Reads CONFIG.json for `serve` (SPEC §7, C4): refuses a file that others can read (it may hold secrets), names
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
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    const octal = (mode & 0o777).toString(8);
    return err(`${file} can be read by others (mode ${octal}); it may hold secrets: chmod 600 ${file}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return err(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return ok(readConfig(raw, path.dirname(path.resolve(file)), env));
  } catch (error) {
    if (error instanceof ConfigError) {
      return err(`${file}: ${error.message}`);
    }
    throw error;
  }
}

class ConfigError extends Error {}

function object(value: unknown, where: string, allowed: ReadonlyArray<string>): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`${where || 'the file'} must be an object`);
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new ConfigError(`${where ? `${where}.` : ''}${key}: unknown key (known: ${allowed.join(', ')})`);
    }
  }
  return value as Json;
}

function text(o: Json, key: string, where: string, fallback?: string): string {
  const value = o[key] ?? fallback;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigError(`${where}.${key}: a non-empty string is required`);
  }
  return value;
}

function optionalText(o: Json, key: string, where: string): string | undefined {
  return o[key] === undefined ? undefined : text(o, key, where);
}

function flag(o: Json, key: string, where: string, fallback: boolean): boolean {
  const value = o[key] ?? fallback;
  if (typeof value !== 'boolean') {
    throw new ConfigError(`${where}.${key}: true or false`);
  }
  return value;
}

function port(o: Json, key: string, where: string): number {
  const value = o[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    throw new ConfigError(`${where}.${key}: a port number from 1 to 65535 is required`);
  }
  return value;
}

function readConfig(raw: unknown, base: string, env: Env): CompanionConfig {
  const o = object(raw, '', ['store', 'crm', 'mailbox', 'smtp', 'backend', 'ui']);
  const crm = optionalText(o, 'crm', 'config');
  return {
    store: path.resolve(base, text(o, 'store', 'config')),
    ...(crm === undefined ? {} : { crm: path.resolve(base, crm) }),
    ...(o['mailbox'] === undefined ? {} : { mailbox: readMailbox(o['mailbox'], env) }),
    ...(o['smtp'] === undefined ? {} : { smtp: readSmtp(o['smtp']) }),
    backend: readBackend(o['backend'] ?? { kind: 'local' }, env),
    ui: readUi(o['ui']),
  };
}

function readUi(raw: unknown): UiConfig {
  if (raw === false) {
    return false;
  }
  if (raw === undefined) {
    return { port: defaultUiPort };
  }
  const o = object(raw, 'ui', ['port']);
  // 0 asks the system for a free port (tests, a second companion on one computer); the URL printed names it.
  return { port: o['port'] === 0 ? 0 : port(o, 'port', 'ui') };
}

function readMailbox(raw: unknown, env: Env): MailboxConfig {
  const w = 'mailbox';
  const known = ['host', 'port', 'secure', 'user', 'password', 'accessToken', 'folder', 'onlyFor'];
  const o = object(raw, w, [...known, 'allowUntrustedCertificate']);
  const password = optionalText(o, 'password', w) ?? env[secretVariables.mailboxPassword];
  const accessToken = optionalText(o, 'accessToken', w) ?? env[secretVariables.mailboxAccessToken];
  if (!password && !accessToken) {
    throw new ConfigError(
      `${w}: a password or accessToken is required (or ${secretVariables.mailboxPassword} / ${secretVariables.mailboxAccessToken})`,
    );
  }
  const onlyFor = optionalText(o, 'onlyFor', w);
  return {
    host: text(o, 'host', w),
    port: port(o, 'port', w),
    secure: flag(o, 'secure', w, false),
    user: text(o, 'user', w),
    ...(password ? { password } : {}),
    ...(accessToken && !password ? { accessToken } : {}),
    folder: text(o, 'folder', w, 'INBOX'),
    ...(onlyFor === undefined ? {} : { onlyFor }),
    ...(flag(o, 'allowUntrustedCertificate', w, false) ? { allowUntrustedCertificate: true } : {}),
  };
}

function readSmtp(raw: unknown): SmtpConfig {
  const w = 'smtp';
  const o = object(raw, w, ['host', 'port', 'secure', 'from', 'user', 'password']);
  const user = optionalText(o, 'user', w);
  const password = optionalText(o, 'password', w);
  return {
    host: text(o, 'host', w),
    port: port(o, 'port', w),
    secure: flag(o, 'secure', w, false),
    from: text(o, 'from', w),
    ...(user === undefined ? {} : { user }),
    ...(password === undefined ? {} : { password }),
  };
}

function readBackend(raw: unknown, env: Env): BackendConfig {
  const w = 'backend';
  const kind = object(raw, w, ['kind', 'accessToken', 'baseUrl', 'url'])['kind'];
  switch (kind) {
    case 'local':
      object(raw, w, ['kind']);
      return { kind };
    case 'hubspot': {
      const o = object(raw, w, ['kind', 'accessToken', 'baseUrl']);
      const accessToken = optionalText(o, 'accessToken', w) ?? env[secretVariables.hubspotToken];
      if (!accessToken) {
        throw new ConfigError(
          `${w}.accessToken is required for hubspot (or ${secretVariables.hubspotToken})`,
        );
      }
      const baseUrl = optionalText(o, 'baseUrl', w);
      return { kind, accessToken, ...(baseUrl === undefined ? {} : { baseUrl }) };
    }
    case 'postgres': {
      const o = object(raw, w, ['kind', 'url']);
      return { kind, url: text(o, 'url', w) };
    }
    default:
      throw new ConfigError(`${w}.kind: local, hubspot or postgres, not ${JSON.stringify(kind)}`);
  }
}
