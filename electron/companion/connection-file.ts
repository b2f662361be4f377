import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { backendInputSchema, mailboxInputSchema } from '#shared/api/companion-schemas.js';

/**
 * The connection a person set up in the window (headless `start`): `<store>/connection.json`, mode 0600 like
 * IT's config file, since it holds the mailbox password (C4: headless secrets live in a file only its owner
 * can read). It is read at the next start.
 */
export const connectionFileSchema = z.object({
  mailbox: mailboxInputSchema.nullable().optional(),
  backend: backendInputSchema.optional(),
});
export type ConnectionFile = z.infer<typeof connectionFileSchema>;

export const connectionFileName = 'connection.json';

export function readConnectionFile(storeDir: string): ConnectionFile | null {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(storeDir, connectionFileName), 'utf8'));
  } catch {
    return null;
  }
  const parsed = connectionFileSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function writeConnectionFile(storeDir: string, connection: ConnectionFile): void {
  const file = path.join(storeDir, connectionFileName);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(connection, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
}
