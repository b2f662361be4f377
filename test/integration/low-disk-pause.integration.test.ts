/**
 * docs/rules.md C1: when the disk under the store is nearly full, the intake pauses and says so, instead of
 * failing message after message, and resumes when space returns. A real small tmpfs holds the store, a filler
 * file takes its space away, real Dovecot holds the mail. Mounting needs root and CAP_SYS_ADMIN; the test fails
 * (never skips) without them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompanion, type Companion } from '../../electron/companion/start-companion.js';
import type { Logger } from '../../electron/core/logger.js';
import { deliverLmtp, startDovecot, type Dovecot } from './support/dovecot.js';
import { mailboxFor, syntheticMessage } from './support/dovecot-intake-fixture.js';
import { listFolder } from './support/dovecot-mailbox.js';

const MiB = 1024 * 1024;
let work: string;
let mounted = false;
let dovecot: Dovecot;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-low-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', work], { stdio: 'pipe' });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim() ?? String(error);
    throw new Error(`mount -t tmpfs failed (this test needs root and CAP_SYS_ADMIN): ${stderr}`);
  }
  mounted = true;
  dovecot = await startDovecot();
});

afterAll(async () => {
  await dovecot?.stop();
  if (mounted) {
    execFileSync('umount', ['-l', work], { stdio: 'pipe' });
  }
  fs.rmSync(work, { recursive: true, force: true });
});

const filler = (): string => path.join(work, 'filler');

/** Leaves about `leftMiB` free on the tmpfs. */
function fillUntil(leftMiB: number): void {
  const { bavail, bsize } = fs.statfsSync(work);
  const take = bavail * bsize - leftMiB * MiB;
  fs.appendFileSync(filler(), Buffer.alloc(Math.max(0, take)));
}

async function waitUntil(what: string, done: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await done())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Entry = { readonly level: string; readonly message: string; readonly fields: Record<string, unknown> };

describe('low-disk pause', () => {
  it('starts paused while free space is below the floor, resumes when it returns, and pauses again when it goes', async () => {
    const entries: Entry[] = [];
    const record =
      (level: string) =>
      (message: string, fields: Readonly<Record<string, unknown>> = {}): void => {
        entries.push({ level, message, fields: { ...fields } });
      };
    const logger: Logger = { info: record('info'), warn: record('warn'), error: record('error') };
    const processed: string[] = [];
    const deliver = (id: string): Promise<void> =>
      deliverLmtp(dovecot.lmtpPort, {
        from: 'ann@corp.example',
        to: 'log+bcc@corp.example',
        raw: syntheticMessage({ id }),
      });
    const paused = 'intake paused: the disk under the store is nearly full';
    const resumed = 'intake resumed: disk space is back';

    await deliver('while-full');
    const store = path.join(work, 'store');
    fs.mkdirSync(store);
    fillUntil(2);
    const companion: Companion = await startCompanion(
      { store, mailbox: mailboxFor(dovecot), backend: { kind: 'local' }, ui: false, minFreeDiskMB: 6 },
      { logger, diskCheckIntervalMs: 50, onResult: (result) => processed.push(result.messageId ?? '') },
    );
    try {
      expect(companion.intakeState()).toBe('paused-low-disk');
      const pause = entries.find((e) => e.message === paused);
      expect(pause).toMatchObject({ level: 'warn', fields: { store, minFreeDiskMB: 6 } });
      expect(Number(pause?.fields['freeMB'])).toBeLessThan(6);
      // Paused from the start: never connected, so the message is still on the server, unclaimed.
      expect((await listFolder(dovecot, 'log', 'INBOX')).map((m) => m.messageId)).toEqual([
        '<while-full@intake.test>',
      ]);
      expect(entries.filter((e) => e.message === 'log result')).toEqual([]);

      fs.rmSync(filler());
      await waitUntil('the message processed after space returned', () => processed.length === 1);
      expect(processed).toEqual(['<while-full@intake.test>']);
      expect(companion.intakeState()).toBe('running');
      expect(entries.filter((e) => e.message === resumed)).toHaveLength(1);

      fillUntil(2);
      await waitUntil('a second pause', () => companion.intakeState() === 'paused-low-disk');
      expect(entries.filter((e) => e.message === paused)).toHaveLength(2);
      await deliver('after-refill');
      fs.rmSync(filler());
      await waitUntil('the second message processed', () => processed.length === 2);
      expect(processed).toEqual(['<while-full@intake.test>', '<after-refill@intake.test>']);
      expect(entries.filter((e) => e.level === 'error')).toEqual([]);
    } finally {
      await companion.stop();
    }
  });
});
