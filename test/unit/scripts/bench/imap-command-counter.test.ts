import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { roundTripsPerMessage } from '../../../../scripts/bench/cases.js';
import {
  startImapCommandCounter,
  type ImapCommandCounter,
} from '../../../../scripts/bench/imap-command-counter.js';

/** A server that answers every line with `OK`, enough for a relay that only reads what the client sends. */
async function startEchoServer(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer((socket) => {
    socket.on('data', (chunk: Buffer) => socket.write(`* OK ${chunk.length}\r\n`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return { port: address.port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('the bench IMAP command counter', () => {
  let counter: ImapCommandCounter | undefined;
  let server: Awaited<ReturnType<typeof startEchoServer>> | undefined;
  afterEach(async () => {
    await counter?.stop();
    await server?.close();
  });

  it('relays both ways and counts tagged commands by name, a line split across packets once', async () => {
    server = await startEchoServer();
    counter = await startImapCommandCounter({ host: '127.0.0.1', port: server.port });
    const socket = net.connect(counter.port, '127.0.0.1');
    const answers: string[] = [];
    socket.on('data', (chunk: Buffer) => answers.push(chunk.toString()));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('A1 SELECT INBOX\r\nA2 UID FETCH 1:* (FLAGS)\r\nA3 ID');
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.write('LE\r\nDONE\r\nA4 uid move 3 Logged\r\nA5 NOOP\r\n');
    const deadline = Date.now() + 5_000;
    while (Object.values(counter.counts()).reduce((a, b) => a + b, 0) < 6 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(counter.counts()).toEqual({ SELECT: 1, 'UID FETCH': 1, IDLE: 1, DONE: 1, 'UID MOVE': 1, NOOP: 1 });
    expect(answers.join('')).toContain('* OK');
    // IDLE, DONE and the resync's NOOP are the wait, not the work; so is the session's LIST before a first SELECT.
    expect(roundTripsPerMessage(counter.counts(), 2)).toBe(1.5);
    expect(roundTripsPerMessage({ ...counter.counts(), LIST: 2 }, 2)).toBe(1.5);
    counter.reset();
    expect(counter.counts()).toEqual({});
    socket.destroy();
  });
});
