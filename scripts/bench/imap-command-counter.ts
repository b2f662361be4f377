import net from 'node:net';

/** A loopback TCP relay in front of an IMAP server that counts the client's commands by name (the bench's trace). */
export type ImapCommandCounter = {
  readonly port: number;
  /** Commands seen since the last `reset()`, by name (`UID FETCH`, `SELECT`, `IDLE`, `DONE`…). */
  counts(): Record<string, number>;
  reset(): void;
  stop(): Promise<void>;
};

/**
 * Each tagged line the client sends is one command, and imapflow waits for a command's tagged answer before the
 * next: so the count is the round trips. `DONE` (ending an IDLE) is counted under its own name.
 */
export async function startImapCommandCounter(target: {
  host: string;
  port: number;
}): Promise<ImapCommandCounter> {
  let counts = new Map<string, number>();
  const sockets = new Set<net.Socket>();
  const count = (line: string): void => {
    const name = /^DONE$/i.test(line)
      ? 'DONE'
      : /^[A-Za-z0-9.]+ ((?:UID )?[A-Za-z]+)/i.exec(line)?.[1]?.toUpperCase();
    if (name !== undefined) {
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let pending = '';
    client.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      const lines = pending.split('\r\n');
      pending = lines.pop() ?? '';
      lines.forEach(count);
      upstream.write(chunk);
    });
    upstream.pipe(client);
    const close = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('the IMAP command counter has no port');
  }
  return {
    port: address.port,
    counts: () => Object.fromEntries(counts),
    reset: () => {
      counts = new Map();
    },
    stop: async () => {
      for (const socket of sockets) {
        socket.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
