/**
 * docs/rules.md C1: IMAP uses TLS (implicit, or STARTTLS that must succeed) unless the config says
 * `"tls": "none"`, which only a loopback host may. Against real Dovecot on loopback: one without TLS (the
 * harness's default), and one with STARTTLS and implicit TLS on a certificate made with openssl for the test.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../electron/core/logger.js';
import { createImapIntake, type ImapIntakeOptions } from '../../electron/intake/imap-intake.js';
import { deliverLmtp, startDovecot, type Dovecot } from './support/dovecot.js';
import {
  collectResults,
  mailboxFor,
  openSampleStore,
  syntheticMessage,
} from './support/dovecot-intake-fixture.js';
import { listFolder } from './support/dovecot-mailbox.js';
import { startSilentProxy } from './support/dovecot-proxy.js';

type Logged = { readonly level: string; readonly message: string; readonly fields: Record<string, unknown> };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

function recordingLogger(): { logger: Logger; entries: Logged[] } {
  const entries: Logged[] = [];
  const record =
    (level: string) =>
    (message: string, fields: Readonly<Record<string, unknown>> = {}): void => {
      entries.push({ level, message, fields: { ...fields } });
    };
  return { logger: { info: record('info'), warn: record('warn'), error: record('error') }, entries };
}

async function start(tls: boolean): Promise<Dovecot> {
  const dovecot = await startDovecot({ tls });
  cleanups.push(() => dovecot.stop());
  return dovecot;
}

/** Every line a client sent through a relay in front of Dovecot (cleartext only; TLS bytes are gibberish). */
async function relay(dovecot: Dovecot, port = dovecot.imapPort): Promise<{ port: number; sent: string[] }> {
  const sent: string[] = [];
  const proxy = await startSilentProxy(port, dovecot.host, (data) => {
    sent.push(...data.toString('latin1').split('\r\n'));
  });
  cleanups.push(() => proxy.close());
  return { port: proxy.port, sent };
}

function startIntake(options: Omit<ImapIntakeOptions, 'pipeline'>): ReturnType<typeof collectResults> {
  const opened = openSampleStore();
  cleanups.push(() => opened.close());
  const collected = collectResults();
  const intake = createImapIntake({
    pollIntervalMs: 1_000,
    autoIdleDelayMs: 100,
    reconnect: { initialMs: 100, maxMs: 500 },
    ...options,
    pipeline: opened.pipeline,
    onResult: collected.onResult,
  });
  cleanups.push(() => intake.stop());
  void intake.start();
  return collected;
}

async function deliver(dovecot: Dovecot, id: string): Promise<void> {
  await deliverLmtp(dovecot.lmtpPort, {
    from: 'ann@corp.example',
    to: 'log+bcc@corp.example',
    raw: syntheticMessage({ id }),
  });
}

async function waitUntil(what: string, done: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!done()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const authCommand = /^\S+ (?:LOGIN|AUTHENTICATE)\b/i;

describe('IMAP TLS (C1)', () => {
  it('refuses a server that offers no STARTTLS, in words, without ever sending the password', async () => {
    const dovecot = await start(false);
    await deliver(dovecot, 'no-tls');
    const { port, sent } = await relay(dovecot);
    const { logger, entries } = recordingLogger();
    const collected = startIntake({
      mailbox: mailboxFor(dovecot, 'log', { port, tls: 'required' }),
      logger,
    });
    const refusal = 'IMAP server offers no TLS: not logging in over cleartext';
    await waitUntil(
      'two refused connections',
      () => entries.filter((e) => e.message === refusal).length >= 2,
    );

    expect(entries.find((e) => e.message === refusal)).toEqual({
      level: 'error',
      message: refusal,
      fields: {
        host: '127.0.0.1',
        port,
        error: 'Server does not support STARTTLS',
        fix: 'enable STARTTLS or implicit TLS (secure: true) on the server; "tls": "none" is for loopback only',
      },
    });
    expect(sent.filter((line) => authCommand.test(line))).toEqual([]);
    expect(sent.some((line) => line.includes(dovecot.password))).toBe(false);
    expect(collected.results).toEqual([]);
    expect((await listFolder(dovecot, 'log', 'INBOX')).map((m) => m.messageId)).toEqual([
      '<no-tls@intake.test>',
    ]);
  });

  it('"tls": "none" on a loopback host logs in over cleartext, as configured', async () => {
    const dovecot = await start(false);
    await deliver(dovecot, 'cleartext-allowed');
    const collected = startIntake({ mailbox: mailboxFor(dovecot, 'log', { tls: 'none' }) });
    const [first] = await collected.waitFor(1);
    expect(first?.result.messageId).toBe('<cleartext-allowed@intake.test>');
  });

  it('logs over STARTTLS from a TLS-enabled Dovecot; the password never crosses in cleartext', async () => {
    const dovecot = await start(true);
    await deliver(dovecot, 'over-starttls');
    const { port, sent } = await relay(dovecot);
    const { logger, entries } = recordingLogger();
    const collected = startIntake({
      mailbox: mailboxFor(dovecot, 'log', { port, allowUntrustedCertificate: true }),
      logger,
    });
    const [first] = await collected.waitFor(1);
    expect(first?.result.messageId).toBe('<over-starttls@intake.test>');
    expect(sent.some((line) => /^\S+ STARTTLS$/i.test(line))).toBe(true);
    expect(sent.filter((line) => authCommand.test(line))).toEqual([]);
    expect(entries.filter((e) => e.level !== 'info')).toEqual([]);
  });

  it('logs over implicit TLS (secure: true) from a TLS-enabled Dovecot', async () => {
    const dovecot = await start(true);
    await deliver(dovecot, 'over-implicit-tls');
    const collected = startIntake({
      mailbox: mailboxFor(dovecot, 'log', {
        port: dovecot.imapsPort ?? 0,
        secure: true,
        allowUntrustedCertificate: true,
      }),
    });
    const [first] = await collected.waitFor(1);
    expect(first?.result.messageId).toBe('<over-implicit-tls@intake.test>');
  });

  it("imapflow's warnings reach the companion's log instead of being discarded", async () => {
    const dovecot = await start(false);
    await deliver(dovecot, 'before-the-slip');
    const proxy = await startSilentProxy(dovecot.imapPort, dovecot.host);
    cleanups.push(() => proxy.close());
    const { logger, entries } = recordingLogger();
    const collected = startIntake({ mailbox: mailboxFor(dovecot, 'log', { port: proxy.port }), logger });
    await collected.waitFor(1);

    proxy.injectToClients('ZZ99 OK a tag this client never sent\r\n');
    const warning = 'IMAP client: Tagged response for an unknown tag';
    await waitUntil('the warning in the log', () => entries.some((e) => e.message === warning));
    expect(entries.find((e) => e.message === warning)?.level).toBe('warn');
  });

  it('"tls": "none" for a host that is not loopback is refused before any connection', () => {
    const opened = openSampleStore();
    cleanups.push(() => opened.close());
    const mailbox = {
      host: 'example.com',
      port: 143,
      secure: false,
      user: 'log',
      password: 'secret',
      folder: 'INBOX',
      tls: 'none',
    } as const;
    expect(() => createImapIntake({ mailbox, pipeline: opened.pipeline })).toThrow(
      'mailbox.tls: "none" (cleartext) is allowed only for a loopback host (localhost, 127.0.0.1, ::1), not example.com',
    );
  });
});
