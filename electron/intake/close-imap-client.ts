import type { ImapFlow } from 'imapflow';

/** Logs out when stopping (bounded: a dead server must not hold up SIGTERM); otherwise just drops the socket. */
export async function closeImapClient(
  client: Pick<ImapFlow, 'usable' | 'logout' | 'close'>,
  graceful: boolean,
  logoutTimeoutMs = 5_000,
): Promise<void> {
  if (graceful && client.usable) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      client.logout().catch(() => {}),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, logoutTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }
  client.close();
}
