import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The custom email property holding our stable key (docs/hubspot.md: no endpoint takes an idempotency key). It has
 * `hasUniqueValue`, so the outbox can look a result up with `batch/read?idProperty=` (strongly consistent, unlike
 * search) before it creates anything, and HubSpot itself refuses a second email with the same key.
 */
export const emailKeyProperty = 'crm_mail_logger_id';

/** `<store id>:<result id>`: result ids are only unique within one store, and several stores may share a portal. */
export function emailKey(storeId: string, resultId: number): string {
  return `${storeId}:${resultId}`;
}

/** The file next to the store's SQLite file that names the store for remote keys. */
export const storeIdFileName = 'hubspot-store-id';

/**
 * The store's id for remote keys: read from `hubspot-store-id` in the store's folder, created (random, once,
 * atomically: two companions starting together agree on the winner's id) when missing.
 */
export function readStoreId(storeFile: string): string {
  const file = path.join(path.dirname(storeFile), storeIdFileName);
  if (!fs.existsSync(file)) {
    // Written aside, then linked into place: link fails if the name exists, so a reader never sees half a file.
    const temp = `${file}.${process.pid}.${randomUUID()}`;
    fs.writeFileSync(temp, `${randomUUID()}\n`, { mode: 0o600 });
    try {
      fs.linkSync(temp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw e;
      }
    } finally {
      fs.unlinkSync(temp);
    }
  }
  const id = fs.readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f-]{36}$/.test(id)) {
    throw new Error(`${storeIdFileName}: not a store id: ${JSON.stringify(id)}`);
  }
  return id;
}
