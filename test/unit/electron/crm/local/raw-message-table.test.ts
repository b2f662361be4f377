import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommitInput, LocalStore } from '../../../../../electron/crm/local/local-store.js';
import { openLocalStore } from '../../../../../electron/crm/local/open-local-store.js';
import { buildDecision, buildEmail, buildRejected } from '../helpers/build-decision.js';
import { makeTempDir, removeTempDirs, sampleCrm } from '../helpers/temp-store.js';

/**
 * Small back-filled raws kept in the store's own database (`CommitInput.raw`, migration 6): written in the
 * transaction of their result, read back by sha256, and let go with it (C6 forget, C1 retention).
 */
const open: LocalStore[] = [];
afterEach(() => {
  for (const store of open.splice(0)) {
    store.close();
  }
  removeTempDirs();
});

function sampleStore(now?: () => Date): LocalStore {
  const store = openLocalStore(makeTempDir(), now === undefined ? {} : { now });
  store.importCrm(sampleCrm);
  open.push(store);
  return store;
}

const rawOf = (n: number): Buffer => Buffer.from(`Message-ID: <raw-${n}@corp.example>\r\n\r\nBody ${n}.\r\n`);
const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function logged(n: number): CommitInput {
  const messageId = `<raw-${n}@corp.example>`;
  const raw = rawOf(n);
  return {
    decision: buildDecision({
      email: buildEmail({ messageId, subject: `Raw ${n}` }),
      identity: { messageId, contentKey: `ck1:raw-${n}` },
    }),
    rawSha256: sha(raw),
    raw: new Uint8Array(raw),
    receivedAt: '2026-03-02T09:16:00.000Z',
  };
}

describe('raw bytes kept in the store (CommitInput.raw)', () => {
  it('C1: a commit with its raw bytes keeps them under their sha256, the same bytes twice once', () => {
    const store = sampleStore();
    const input = logged(1);
    expect(store.rawMessage(sha(rawOf(1)))).toBeNull();
    store.commit(input);
    expect(store.rawMessage(sha(rawOf(1)))).toEqual(rawOf(1));
    // Committed again (a re-run of the back-fill): a duplicate result, the bytes still there, once.
    expect(store.commit(input).status).toBe('duplicate');
    expect(store.rawMessage(sha(rawOf(1)))).toEqual(rawOf(1));
    expect(store.rawMessage(sha(rawOf(2)))).toBeNull();
  });

  it('C1: a commit that fails inside a batch keeps neither its result nor its bytes', () => {
    const store = sampleStore();
    store.beginBatch(100);
    store.commit(logged(1));
    const broken = logged(2);
    expect(() => store.commit({ ...broken, decision: { ...broken.decision, email: undefined } })).toThrow(
      /must carry its email/,
    );
    store.endBatch();
    expect(store.rawMessage(sha(rawOf(1)))).toEqual(rawOf(1));
    expect(store.rawMessage(sha(rawOf(2)))).toBeNull();
    expect(store.resultForRaw(sha(rawOf(2)))).toBeNull();
  });

  it('C6: forget lets the bytes go with the last result that names them, and reports their sha256', () => {
    const store = sampleStore();
    store.commit(logged(1));
    const [entry] = store.listEntries();
    const forgotten = store.forget(entry?.id ?? -1);
    expect(forgotten?.unreferencedBlobs).toEqual([sha(rawOf(1))]);
    expect(store.rawMessage(sha(rawOf(1)))).toBeNull();
  });

  it('C1 retention: releaseExpiredRaw deletes expired rejected bytes and keeps those a logged email needs', () => {
    let clock = Date.parse('2026-01-01T00:00:00.000Z');
    const store = sampleStore(() => new Date(clock));
    const rejected = rawOf(3);
    store.commit({
      decision: buildRejected(),
      rawSha256: sha(rejected),
      raw: new Uint8Array(rejected),
      receivedAt: '2026-01-01T00:00:00.000Z',
    });
    store.commit(logged(4));
    clock += 40 * 24 * 60 * 60_000;
    expect(store.releaseExpiredRaw(new Date(clock - 30 * 24 * 60 * 60_000).toISOString())).toEqual([
      sha(rejected),
    ]);
    expect(store.rawMessage(sha(rejected))).toBeNull();
    expect(store.rawMessage(sha(rawOf(4)))).toEqual(rawOf(4));
  });

  it('C1: the bytes stay in the owner-only database file (no file of their own)', () => {
    const store = sampleStore();
    store.commit(logged(5));
    const dir = path.dirname(store.path);
    expect(fs.readdirSync(dir).filter((name) => !name.startsWith('crm.sqlite'))).toEqual([]);
    expect(fs.statSync(store.path).mode & 0o777).toBe(0o600);
  });
});
