import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createBlobStore } from '../../../../../electron/core/blob-store.js';
import { createPipeline } from '../../../../../electron/core/pipeline.js';
import { CrmStoreError } from '../../../../../electron/crm/local/crm-store-error.js';
import type { LocalStore } from '../../../../../electron/crm/local/local-store.js';
import { openLocalStore } from '../../../../../electron/crm/local/open-local-store.js';
import type { Decision } from '#shared/model/decision.js';
import { buildDecision, buildEmail, buildRejected } from '../helpers/build-decision.js';
import { makeTempDir, removeTempDirs, sampleCrm } from '../helpers/temp-store.js';

afterEach(removeTempDirs);

const sha = (c: string): string => c.repeat(64);

function sampleStore(options: Parameters<typeof openLocalStore>[1] = {}): LocalStore {
  const store = openLocalStore(makeTempDir(), options);
  store.importCrm(sampleCrm);
  return store;
}

let clockMs = Date.parse('2026-03-02T10:00:00.000Z');
const tick = (): Date => new Date((clockMs += 1_000));

let serial = 0;

function logged(overrides: Partial<Decision> = {}): Decision {
  serial++;
  const messageId = `<m${serial}@corp.example>`;
  return buildDecision({
    email: buildEmail({ messageId }),
    identity: { messageId, contentKey: `ck1:content-${serial}` },
    ...overrides,
  });
}

function commit(store: LocalStore, decision: Decision, rawSha256: string | null = null): number {
  store.commit({ decision, rawSha256, receivedAt: '2026-03-02T09:16:00.000Z' });
  return lastResultId(store);
}

function lastResultId(store: LocalStore): number {
  return query<{ id: number }>(store, 'SELECT max(id) AS id FROM log_results')[0]?.id ?? -1;
}

function query<T>(store: LocalStore, sql: string): T[] {
  const db = new Database(store.path, { readonly: true });
  const rows = db.prepare(sql).all() as T[];
  db.close();
  return rows;
}

function count(store: LocalStore, table: string): number {
  return query<{ n: number }>(store, `SELECT count(*) AS n FROM ${table}`)[0]?.n ?? -1;
}

describe('retrySync (C6 retry)', () => {
  it('C6: turns failed syncs back into pending, due now, with a fresh attempt budget', () => {
    const store = sampleStore({ syncTarget: 'remote', now: tick });
    const ids = [commit(store, logged()), commit(store, logged()), commit(store, logged())];
    const rows = store.dueOutbox(new Date('9999-01-01T00:00:00.000Z'), 10);
    store.markFailed(rows[0]?.id ?? -1, 'CRM.REJECTED: 400');
    store.markFailed(rows[1]?.id ?? -1, 'CRM.REJECTED: 400');

    expect(store.retrySync({ resultIds: [ids[0] ?? -1, ids[2] ?? -1] })).toEqual([ids[0]]);
    expect(store.outboxCounts()).toEqual({ pending: 2, synced: 0, failed: 1 });
    expect(store.retrySync()).toEqual([ids[1]]);
    expect(store.retrySync()).toEqual([]);
    const due = store.dueOutbox(new Date(clockMs), 10);
    expect(due.map((r) => [r.resultId, r.attempts, r.lastError])).toEqual([
      [ids[2], 0, null],
      [ids[0], 0, 'CRM.REJECTED: 400'],
      [ids[1], 0, 'CRM.REJECTED: 400'],
    ]);
    store.close();
  });
});

describe('reprocessable (C6 reprocess)', () => {
  it('C6: offers rejected and skipped results whose raw bytes are kept, the latest per message only', () => {
    const store = sampleStore({ now: tick });
    const rejected = commit(store, buildRejected(), sha('a'));
    const skipped = commit(
      store,
      buildRejected({ status: 'skipped', reasons: ['no-loggable-recipients'], owner: 'ann@corp.example' }),
      sha('b'),
    );
    commit(store, buildRejected(), null); // no bytes: nothing to run again
    commit(store, logged(), sha('c'));
    const tokenMismatch = commit(store, buildRejected({ reasons: ['token-mismatch'] }), sha('d'));

    expect(store.reprocessable().map((r) => [r.resultId, r.status, r.rawSha256, r.reasons])).toEqual([
      [rejected, 'rejected', sha('a'), ['sender-not-user']],
      [skipped, 'skipped', sha('b'), ['no-loggable-recipients']],
      [tokenMismatch, 'rejected', sha('d'), ['token-mismatch']],
    ]);
    expect(store.reprocessable({ status: 'skipped' }).map((r) => r.resultId)).toEqual([skipped]);
    expect(store.reprocessable({ reasons: ['token-mismatch'] }).map((r) => r.resultId)).toEqual([
      tokenMismatch,
    ]);
    expect(store.reprocessable({ resultIds: [rejected, 999] }).map((r) => r.resultId)).toEqual([rejected]);
    expect(store.reprocessable({ limit: 1 }).map((r) => r.resultId)).toEqual([rejected]);
    expect(store.reprocessable({ since: '2999-01-01' })).toEqual([]);
    expect(() => store.reprocessable({ since: 'yesterday' })).toThrow(CrmStoreError);

    // Reprocessed and rejected again: offered through the newer result only.
    const again = commit(store, buildRejected(), sha('a'));
    expect(store.reprocessable().map((r) => r.resultId)).toEqual([skipped, tokenMismatch, again]);
    // Reprocessed and now logged: no longer offered.
    commit(store, logged(), sha('a'));
    expect(store.reprocessable().map((r) => r.resultId)).toEqual([skipped, tokenMismatch]);
    store.close();
  });

  it('R2/C6: a reprocessed message that now logs is not a duplicate of its own earlier rejected result', async () => {
    const dir = makeTempDir();
    const store = openLocalStore(dir);
    store.importCrm(sampleCrm);
    const blobs = createBlobStore(path.join(dir, 'blobs'), { sync: false });
    const pipeline = createPipeline({ store, blobs });
    const raw = Buffer.from(
      [
        'From: Ann Smith <ann.smith@corp.example>',
        'To: Bob <bob@acme.example>',
        'Bcc: log+bcc@corp.example',
        'Subject: Renewal terms',
        'Date: Mon, 02 Mar 2026 09:15:00 +0000',
        'Message-ID: <reprocess-1@corp.example>',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Hello Bob',
        '',
      ].join('\r\n'),
    );

    const first = await pipeline.logMessage({ raw, envelope: { recipient: 'log+bcc@corp.example' } });
    expect([first.status, first.reasons]).toEqual(['rejected', ['sender-not-user']]);
    const [offer] = store.reprocessable();
    expect(offer?.rawSha256).toMatch(/^[0-9a-f]{64}$/);

    // The CRM data is fixed (C6: "e.g. an alias added"), then the kept bytes run again.
    store.addAlias('ann@corp.example', 'ann.smith@corp.example');
    const again = await pipeline.logMessage({
      raw: fs.readFileSync(blobs.path(offer?.rawSha256 ?? '')),
      envelope: { recipient: 'log+bcc@corp.example' },
    });
    expect([again.status, again.owner, again.messageId]).toEqual([
      'logged',
      'ann@corp.example',
      '<reprocess-1@corp.example>',
    ]);
    expect(store.reprocessable()).toEqual([]);

    // R2 still holds for the logged one: the same bytes a third time are a duplicate.
    const third = await pipeline.logMessage({ raw, envelope: { recipient: 'log+bcc@corp.example' } });
    expect([third.status, third.duplicateOf]).toEqual(['duplicate', '<reprocess-1@corp.example>']);
    store.close();
  });
});

describe('forget (C6 forget)', () => {
  it('C6: removes the logged email, its links, attachments, identity keys, outbox row and journal entry', () => {
    const store = sampleStore({ syncTarget: 'remote', now: tick });
    const kept = commit(store, logged(), sha('1'));
    const decision = logged({
      attachments: {
        logged: [
          { filename: 'terms.pdf', size: 10, sha256: sha('e') },
          { filename: 'logo.png', size: 5, sha256: sha('f') },
        ],
        dropped: [],
      },
      notices: [{ to: 'ann@corp.example', reason: 'attachment-over-limit', locale: 'en' }],
    });
    const gone = commit(store, decision, sha('2'));
    // Another email shares the logo: its blob must stay.
    commit(
      store,
      logged({ attachments: { logged: [{ filename: 'logo.png', size: 5, sha256: sha('f') }], dropped: [] } }),
    );
    const [row] = store
      .dueOutbox(new Date('9999-01-01T00:00:00.000Z'), 10)
      .filter((r) => r.resultId === gone);
    store.markSynced(row?.id ?? -1, 'hs-email-42', tick());
    const before = {
      emails: count(store, 'emails'),
      attachments: count(store, 'attachments'),
      keys: count(store, 'identity_keys'),
      links: count(store, 'email_contacts'),
    };

    expect(store.forget(gone)).toEqual({
      resultId: gone,
      messageId: decision.email?.messageId,
      remote: { state: 'synced', remoteId: 'hs-email-42' },
      unreferencedBlobs: [sha('e'), sha('2')],
    });

    expect(count(store, 'emails')).toBe(before.emails - 1);
    expect(count(store, 'attachments')).toBe(before.attachments - 2);
    expect(count(store, 'identity_keys')).toBe(before.keys - 2);
    expect(count(store, 'email_contacts')).toBe(before.links - 1);
    expect(count(store, 'email_companies')).toBe(2);
    expect(count(store, 'email_deals')).toBe(2);
    expect(count(store, 'outbox')).toBe(2);
    expect(count(store, 'notices')).toBe(0);
    expect(store.storedResult(gone)).toBeNull();
    expect(store.listResults()).toHaveLength(2);
    expect(store.storedResult(kept)?.logged).not.toBeNull();
    // Contacts are CRM records of their own: they stay.
    expect(count(store, 'contacts')).toBe(2);
    expect(store.forget(gone)).toBeNull();
    store.close();
  });

  it('C6: a forgotten email can be logged again (its identity keys are gone)', () => {
    const store = sampleStore();
    const decision = logged();
    const id = commit(store, decision);
    expect(store.forget(id)?.remote).toBeNull(); // the local backend: nothing to delete remotely
    store.commit({ decision, rawSha256: null, receivedAt: '2026-03-02T09:20:00.000Z' });
    expect(store.listResults().map((r) => r.status)).toEqual(['logged']);
    store.close();
  });

  it('C6: a result not yet pushed reports its state, so the backend can look it up by result id', () => {
    const store = sampleStore({ syncTarget: 'remote' });
    const id = commit(store, logged());
    expect(store.forget(id)?.remote).toEqual({ state: 'pending', remoteId: null });
    expect(store.outboxCounts()).toEqual({ pending: 0, synced: 0, failed: 0 });
    store.close();
  });

  it('C6: refuses a result that logged nothing', () => {
    const store = sampleStore();
    const id = commit(store, buildRejected());
    expect(() => store.forget(id)).toThrow(/is rejected, not a logged email/);
    expect(store.listResults()).toHaveLength(1);
    store.close();
  });
});
