import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { ImapFlow } from 'imapflow';
import { claimMessages, claimKeywordFor } from '../../../../electron/intake/claim-messages.js';

type Stored = { uid: number; flags: Set<string>; modseq: bigint; source: Buffer };

/**
 * Just enough of an ImapFlow on a CONDSTORE + UIDPLUS server, the watched folder selected: it records each call in
 * order and answers a STORE with untagged FETCH responses (`flags` events) unless told to stay silent.
 */
function fakeServer(messages: Stored[], options: { readonly silentStore?: boolean } = {}) {
  const calls: string[] = [];
  const events = new EventEmitter();
  const client = {
    mailbox: {
      path: 'INBOX',
      exists: messages.length,
      uidValidity: 5n,
      permanentFlags: new Set(['\\*']),
    },
    enabled: new Set(['CONDSTORE']),
    capabilities: new Set(['UIDPLUS', 'MOVE']),
    on: (name: string, listener: (...args: unknown[]) => void) => events.on(name, listener),
    off: (name: string, listener: (...args: unknown[]) => void) => events.off(name, listener),
    search: async () => {
      calls.push('search');
      return messages.map((m) => m.uid);
    },
    fetchAll: async (range: string, query: { source?: unknown }, opts: { uid: boolean }) => {
      calls.push(`fetch ${range}${opts.uid ? ' by uid' : ''}${query.source ? ' with bytes' : ''}`);
      const picked = opts.uid
        ? messages.filter((m) => range.split(',').includes(String(m.uid)))
        : messages.slice(0, Number(range.split(':')[1]));
      return picked.map((m) => ({
        uid: m.uid,
        flags: new Set(m.flags),
        modseq: m.modseq,
        size: m.source.length,
        ...(query.source ? { source: m.source } : {}),
      }));
    },
    messageFlagsAdd: async (range: string, flags: string[]) => {
      calls.push(`store ${range}`);
      for (const m of messages.filter((x) => range.split(',').includes(String(x.uid)))) {
        flags.forEach((flag) => m.flags.add(flag));
        if (!options.silentStore) {
          events.emit('flags', { path: 'INBOX', uid: m.uid, flags: new Set(m.flags) });
        }
      }
      return true;
    },
    messageFlagsRemove: async () => true,
    messageMove: async (range: string) => {
      calls.push(`move ${range}`);
      const uids = range.split(',').map(Number);
      return { uidValidity: 9n, uidMap: new Map(uids.map((uid) => [uid, uid + 100])) };
    },
  };
  return { client: client as unknown as ImapFlow, calls };
}

const message = (uid: number, text: string): Stored => ({
  uid,
  flags: new Set(),
  modseq: BigInt(uid),
  source: Buffer.from(text),
});

/** The claim context of one companion watching INBOX with an empty memory of others' messages. */
const watching = (client: ImapFlow, notMine = new Set<string>()) => ({
  client,
  watched: 'INBOX',
  processing: 'Processing',
  notMine,
  batchSize: 20,
});

describe('claimMessages on a CONDSTORE server', () => {
  it('reads the first messages by sequence number with their bytes, learns the claim from the STORE’s own answers, and starts stage 1 before the MOVE', async () => {
    const { client, calls } = fakeServer([message(3, 'first'), message(4, 'second')]);
    const round = await claimMessages({
      ...watching(client),
      bodyBytes: 1024,
      prepare: async (body) => {
        calls.push(`prepare ${body.toString()}`);
        return { kind: 'unparsable', rawSha256: null, reason: 'malformed-message' };
      },
    });
    expect(calls).toEqual([
      'fetch 1:2 with bytes',
      'store 3,4',
      'prepare first',
      'prepare second',
      'move 3,4',
    ]);
    expect(round.claims?.messages.map((m) => [m.uid, m.body?.toString(), m.firstTryCounted])).toEqual([
      [103, 'first', true],
      [104, 'second', true],
    ]);
    expect(round.claims?.messages.every((m) => m.prepared !== undefined)).toBe(true);
  });

  it('reads the flags again of a message the STORE said nothing about, and claims it only if it carries the keyword', async () => {
    const { client, calls } = fakeServer([message(7, 'x')], { silentStore: true });
    const round = await claimMessages(watching(client));
    expect(calls).toEqual(['fetch 1:1', 'store 7', 'fetch 7 by uid', 'move 7']);
    expect(round.count).toBe(1);
  });

  it('SEARCHes when messages seen before are to be passed over (another companion’s claims)', async () => {
    const theirs = message(1, 'theirs');
    theirs.flags.add(claimKeywordFor('Processing-other'));
    const { client, calls } = fakeServer([theirs, message(2, 'mine')]);
    const notMine = new Set<string>();
    const first = await claimMessages(watching(client, notMine));
    expect(first.claims?.messages.map((m) => m.uid)).toEqual([102]);
    expect(notMine).toEqual(new Set(['5:1']));
    calls.length = 0;
    await claimMessages(watching(client, notMine));
    expect(calls[0]).toBe('search');
  });
});
