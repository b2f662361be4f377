import { describe, expect, it } from 'vitest';
import type { RemoteObject } from '../../../../../electron/crm/hubspot/hubspot-api.js';
import {
  createdByThisPush,
  createRaceSettler,
} from '../../../../../electron/crm/hubspot/settle-creation-race.js';
import { pendingOf } from './stored-results.js';

const email = (id: string, created: string, properties: Record<string, string>): RemoteObject => ({
  id,
  properties: { hs_createdate: created, ...properties },
});

function settler(
  found: RemoteObject[],
  archive: (ids: ReadonlyArray<string>) => Promise<void> = () => Promise.resolve(),
) {
  const archived: string[][] = [];
  const warnings: string[] = [];
  const settle = createRaceSettler({
    api: {
      searchEmails: () => Promise.resolve(found),
      archiveObjects: (_, ids) => {
        archived.push([...ids]);
        return archive(ids);
      },
    },
    onWarning: (m) => warnings.push(m),
  });
  return { settle, archived, warnings };
}

describe('createRaceSettler', () => {
  const mine = pendingOf(1, 0); // identity: <m1@corp.example>, ck1:1

  it('R2: an older email of another store with the same key wins: ours is archived, the result a duplicate', async () => {
    const s = settler([
      email('20', '2026-03-02T10:00:01Z', {
        crm_mail_logger_id: 'store:1',
        crm_mail_logger_content_key: 'ck1:1',
      }),
      email('10', '2026-03-02T10:00:00Z', {
        crm_mail_logger_id: 'other:9',
        crm_mail_logger_message_id: '<fwd-tom@corp>',
        crm_mail_logger_content_key: 'ck1:1',
      }),
    ]);
    const settled = await s.settle([{ pending: mine, id: '20' }]);
    expect(settled.get(0)).toEqual({
      ok: true,
      value: { sync: 'synced', remoteId: '10', duplicateOf: '<fwd-tom@corp>' },
    });
    expect(s.archived).toEqual([['20']]);
  });

  it('ours is the oldest (ties broken by id): nothing is archived, the other companion gives way', async () => {
    const s = settler([
      email('11', '2026-03-02T10:00:00Z', {
        crm_mail_logger_id: 'other:9',
        crm_mail_logger_content_key: 'ck1:1',
      }),
      email('10', '2026-03-02T10:00:00Z', {
        crm_mail_logger_id: 'store:1',
        crm_mail_logger_content_key: 'ck1:1',
      }),
    ]);
    expect((await s.settle([{ pending: mine, id: '10' }])).size).toBe(0);
    expect(s.archived).toEqual([]);
  });

  it('an archive that fails is warned about, and the result stays synced to its own email', async () => {
    const s = settler(
      [
        email('5', '2026-03-02T09:00:00Z', {
          crm_mail_logger_id: 'other:9',
          crm_mail_logger_message_id: '<m1@corp.example>',
        }),
        email('20', '2026-03-02T10:00:00Z', {
          crm_mail_logger_id: 'store:1',
          crm_mail_logger_message_id: '<m1@corp.example>',
        }),
      ],
      () => Promise.reject(new Error('down')),
    );
    expect((await s.settle([{ pending: mine, id: '20' }])).size).toBe(0);
    expect(s.warnings.join('\n')).toMatch(/emails 20 duplicate older ones but could not be archived: down/);
  });

  it('looks again only at what this push created: not a failure, a found email or a duplicate', () => {
    const items = [pendingOf(1, 0), pendingOf(2, 1), pendingOf(3, 2), pendingOf(4, 3)].map((pending) => ({
      pending,
    }));
    const out = new Map([
      [0, { ok: true as const, value: { sync: 'synced' as const, remoteId: '10' } }],
      [1, { ok: true as const, value: { sync: 'synced' as const, remoteId: '11', duplicateOf: '<x>' } }],
      [2, { ok: false as const, error: { code: 'CRM.REJECTED' as const, message: 'bad', retryable: false } }],
    ]);
    expect(createdByThisPush(items, out).map((c) => [c.pending.index, c.id])).toEqual([[0, '10']]);
  });
});
