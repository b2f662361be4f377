import { stat } from 'node:fs/promises';
import type { CrmData } from '#shared/model/crm-data.js';

/**
 * Why a file that may hold secrets is not private (group or others have any access), or null when it is. Windows
 * has no such modes, so nothing is said there. `mode` is `stat().mode`.
 */
export function readableByOthers(file: string, mode: number): string | null {
  if (process.platform === 'win32' || (mode & 0o077) === 0) {
    return null;
  }
  return `${file} can be read by others (mode ${(mode & 0o777).toString(8)})`;
}

/**
 * C4 for CRM.json: a file that lists users' tokens is a secret like the config itself. Returns the sentence to
 * refuse (`serve`) or warn (`log --crm`) with, or null when the file lists no token or only its owner can read it.
 */
export async function crmTokensExposed(file: string, data: CrmData): Promise<string | null> {
  if (!data.users.some((user) => user.token !== null && user.token !== '')) {
    return null;
  }
  const exposed = readableByOthers(file, (await stat(file)).mode);
  return exposed === null ? null : `${exposed} and lists users' tokens: chmod 600 ${file}`;
}
