import type { ImapFlow, MailboxObject } from 'imapflow';

/** The folder as this connection has it selected, so no SELECT is needed; undefined when another one is. */
export function selectedMailbox(
  client: Pick<ImapFlow, 'mailbox'>,
  folder: string,
): MailboxObject | undefined {
  return client.mailbox !== false && client.mailbox.path === folder ? client.mailbox : undefined;
}
