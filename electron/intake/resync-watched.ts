import type { ImapFlow } from 'imapflow';
import { selectedMailbox } from './selected-mailbox.js';

/**
 * Low-latency mode (CONFIG.json `mailbox.lowLatency`, docs/deployment.md#low-latency-mode): asks the server about
 * the watched folder now instead of waiting for IDLE's news, which Dovecot holds about 500 ms. One command: NOOP
 * when the folder is selected (as it is after every claim round; the server answers with its `EXISTS`, which
 * imapflow reports as an `exists` event), else STATUS. Returns how many more messages the folder holds than before
 * (with STATUS, how many it holds).
 */
export async function resyncWatched(
  client: Pick<ImapFlow, 'mailbox' | 'noop' | 'status'>,
  watched: string,
): Promise<number> {
  const selected = (): { exists: number } | undefined => selectedMailbox(client, watched);
  const before = selected()?.exists;
  if (before === undefined) {
    const status = await client.status(watched, { messages: true });
    return status === false ? 0 : (status.messages ?? 0);
  }
  await client.noop();
  return Math.max(0, (selected()?.exists ?? before) - before);
}
