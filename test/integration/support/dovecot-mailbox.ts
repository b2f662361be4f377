import { ImapFlow } from 'imapflow';
import type { Dovecot } from './dovecot.js';

/** One message as a test sees it in a folder. */
export type FolderMessage = {
  readonly uid: number;
  readonly messageId: string | null;
  readonly subject: string;
  readonly flags: ReadonlyArray<string>;
};

/** A second IMAP client (another mail client, or another companion) on a user's mailbox. */
export async function withMailbox<T>(
  dovecot: Dovecot,
  user: string,
  work: (client: ImapFlow) => Promise<T>,
): Promise<T> {
  const client = new ImapFlow({
    host: dovecot.host,
    port: dovecot.imapPort,
    secure: false,
    auth: { user, pass: dovecot.password },
    logger: false,
  });
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** The messages of a folder, oldest first; empty when the folder does not exist. */
export async function listFolder(dovecot: Dovecot, user: string, folder: string): Promise<FolderMessage[]> {
  return withMailbox(dovecot, user, async (client) => {
    const exists = (await client.list()).some((mailbox) => mailbox.path === folder);
    if (!exists) {
      return [];
    }
    await client.mailboxOpen(folder, { readOnly: true });
    const messages = await client.fetchAll('1:*', { uid: true, envelope: true, flags: true });
    return messages
      .sort((a, b) => a.uid - b.uid)
      .map((m) => ({
        uid: m.uid,
        messageId: m.envelope?.messageId ?? null,
        subject: m.envelope?.subject ?? '',
        flags: [...(m.flags ?? [])],
      }));
  });
}

/** How many messages each folder holds. */
export async function folderCounts(
  dovecot: Dovecot,
  user: string,
  folders: ReadonlyArray<string>,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const folder of folders) {
    counts[folder] = (await listFolder(dovecot, user, folder)).length;
  }
  return counts;
}

/**
 * Puts raw bytes straight into a folder (created when missing), as a crashed run or a mail client would, with
 * the keywords given (a crashed run's `$CrmAttempt1`).
 */
export async function appendMessage(
  dovecot: Dovecot,
  user: string,
  folder: string,
  raw: Buffer | string,
  flags: ReadonlyArray<string> = [],
): Promise<void> {
  await withMailbox(dovecot, user, async (client) => {
    if (!(await client.list()).some((mailbox) => mailbox.path === folder)) {
      await client.mailboxCreate(folder);
    }
    await client.append(folder, raw, [...flags]);
  });
}
