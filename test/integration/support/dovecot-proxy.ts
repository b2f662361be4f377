import net from 'node:net';

/**
 * A TCP relay in front of Dovecot that can go silent: `freeze()` makes every open connection swallow data both
 * ways without closing (a half-open connection after laptop sleep or a Wi-Fi change), while new connections
 * relay normally. Tests use it for the intake's watchdog.
 */
export type SilentProxy = {
  readonly port: number;
  freeze(): void;
  /** Sends bytes to every open client as if the server had sent them (a server's protocol slip). */
  injectToClients(data: string): void;
  close(): Promise<void>;
};

/** `onClientData` sees every chunk a client sends (tests count the IMAP commands there). */
export async function startSilentProxy(
  targetPort: number,
  host = '127.0.0.1',
  onClientData?: (data: Buffer) => void,
): Promise<SilentProxy> {
  const open = new Set<{ frozen: boolean; client: net.Socket; server: net.Socket }>();
  const proxy = net.createServer((client) => {
    const server = net.connect(targetPort, host);
    const pair = { frozen: false, client, server };
    open.add(pair);
    client.on('data', (data: Buffer) => {
      onClientData?.(data);
      if (!pair.frozen) {
        server.write(data);
      }
    });
    server.on('data', (data) => {
      if (!pair.frozen) {
        client.write(data);
      }
    });
    const end = (): void => {
      open.delete(pair);
      client.destroy();
      server.destroy();
    };
    client.on('close', end);
    server.on('close', end);
    client.on('error', end);
    server.on('error', end);
  });
  await new Promise<void>((resolve) => proxy.listen(0, host, resolve));
  const address = proxy.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    port,
    freeze() {
      for (const pair of open) {
        pair.frozen = true;
      }
    },
    injectToClients(data) {
      for (const pair of open) {
        pair.client.write(data);
      }
    },
    async close() {
      for (const pair of open) {
        pair.client.destroy();
        pair.server.destroy();
      }
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
