/**
 * The IMAP intake as a child process, for crash tests: a test kills it (SIGKILL, from its own `onStep` hook) at
 * one step of the claim-then-process cycle, starts it again, and checks that every message is logged exactly
 * once. Test-only configuration comes from the environment; the crash point is an injected callback, never read
 * by the intake itself. Prints one JSON line per result; SIGTERM stops it cleanly (exit 0).
 *
 * CRM_TEST_STORE (folder), CRM_TEST_IMAP_PORT, CRM_TEST_PASSWORD; optional CRM_MAIL_LOGGER_CRASH_AT
 * (claimed|processing|committed|filed) and CRM_TEST_CRASH_AT_COUNT (kill at the n-th time that step is passed;
 * default 1).
 */
import { createImapIntake } from '../../../electron/intake/imap-intake.js';
import type { IntakeStep } from '../../../electron/intake/intake-step.js';
import { openSampleStore } from './dovecot-intake-fixture.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) {
    throw new Error(`${name} is not set`);
  }
  return value;
};

const crashAt = process.env['CRM_MAIL_LOGGER_CRASH_AT'] as IntakeStep | undefined;
const crashAtCount = Number(process.env['CRM_TEST_CRASH_AT_COUNT'] ?? '1');
let passed = 0;

const opened = openSampleStore({}, env('CRM_TEST_STORE'));
const intake = createImapIntake({
  mailbox: {
    host: '127.0.0.1',
    port: Number(env('CRM_TEST_IMAP_PORT')),
    secure: false,
    tls: 'none', // the harness's Dovecot on loopback has no TLS
    user: 'log',
    password: env('CRM_TEST_PASSWORD'),
    folder: 'INBOX',
  },
  pipeline: opened.pipeline,
  pollIntervalMs: 1_000,
  autoIdleDelayMs: 100,
  reconnect: { initialMs: 100, maxMs: 1_000 },
  retry: { initialMs: 100, maxMs: 500 },
  claimBatchSize: 2,
  onStep(step) {
    if (step === crashAt && ++passed === crashAtCount) {
      process.kill(process.pid, 'SIGKILL');
    }
  },
  onResult(result, folder) {
    process.stdout.write(
      `${JSON.stringify({ messageId: result.messageId, status: result.status, folder })}\n`,
    );
  },
});

process.on('SIGTERM', () => {
  void (async () => {
    await intake.stop();
    opened.close();
    process.exit(0);
  })();
});

await intake.start();
