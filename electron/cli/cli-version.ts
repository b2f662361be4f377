import { readFileSync } from 'node:fs';

/** The version of `crm-mail-logger --version`: package.json's, read where the code is, not where it runs. */
export function cliVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  const version = (JSON.parse(text) as { version?: unknown }).version;
  return typeof version === 'string' ? version : 'unknown';
}
