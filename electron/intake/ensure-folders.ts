import type { ImapFlow } from 'imapflow';

/** Creates the companion's folders that are missing (C1). Another companion creating one at the same time is fine. */
export async function ensureFolders(client: ImapFlow, names: ReadonlyArray<string>): Promise<void> {
  const existing = new Set((await client.list()).map((mailbox) => mailbox.path));
  for (const name of names) {
    if (!existing.has(name)) {
      await client.mailboxCreate(name);
    }
  }
}
