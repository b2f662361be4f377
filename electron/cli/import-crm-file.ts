import { readFile } from 'node:fs/promises';
import type { CrmData } from '#shared/model/crm-data.js';
import type { CrmImportSummary, LocalStore } from '../crm/local/local-store.js';
import { validateCrmData } from '../crm/local/validate-crm-data.js';
import { crmTokensExposed } from '../config/readable-by-others.js';
import { CliError } from './cli-error.js';

/**
 * `--crm CRM.json`: read, validate (errors name the field), then upsert into the store. `warn` hears
 * one line when the file lists tokens that others can read (C4).
 */
export async function importCrmFile(
  store: LocalStore,
  file: string,
  warn?: (line: string) => void,
): Promise<CrmImportSummary> {
  return store.importCrm(await readCrmFile(file, warn));
}

/** CRM.json read and validated (errors name the field), for the local store or the team database. */
export async function readCrmFile(file: string, warn?: (line: string) => void): Promise<CrmData> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${describeIoError(error)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CliError(
      `${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const data = validateCrmData(raw);
  if (!data.ok) {
    throw new CliError(`${file}: ${data.error}`);
  }
  const exposed = warn === undefined ? null : await crmTokensExposed(file, data.value);
  if (exposed !== null) {
    warn?.(`warning: ${exposed}`);
  }
  return data.value;
}

/** "no such file" rather than "ENOENT: no such file or directory, open '…'". */
export function describeIoError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'ELOOP':
      return 'the path loops through symbolic links';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
