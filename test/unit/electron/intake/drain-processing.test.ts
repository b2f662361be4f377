import { describe, expect, it, vi } from 'vitest';
import type { ClaimedMessage } from '../../../../electron/intake/claim-messages.js';
import type { InHand, ProcessingContext } from '../../../../electron/intake/process-claimed.js';
import type { PreparedMessage } from '../../../../electron/core/prepare-message.js';

const processed: number[] = [];
const tried = vi.fn();
const filed = vi.fn();
vi.mock('../../../../electron/intake/process-claimed.js', () => ({
  processClaimed: vi.fn(async (_context: unknown, uid: number) => {
    processed.push(uid);
    return 'filed';
  }),
  tryClaimed: tried,
}));
vi.mock('../../../../electron/intake/file-processed.js', () => ({ fileProcessed: filed }));

const { drainProcessing, nextRetryIn, processClaims } =
  await import('../../../../electron/intake/drain-processing.js');

function contextWith(messages: number, uids: number[]): ProcessingContext {
  const client = {
    status: vi.fn(async () => ({ messages })),
    mailboxOpen: vi.fn(async () => ({ uidValidity: 42n })),
    search: vi.fn(async () => uids),
  };
  return { client, processing: 'CRM/Processing' } as unknown as ProcessingContext;
}

describe('drainProcessing', () => {
  it('processes each message of Processing in turn, and stops when asked', async () => {
    processed.length = 0;
    await drainProcessing(contextWith(3, [4, 5, 6]), () => processed.length >= 2);
    expect(processed).toEqual([4, 5]);
  });

  it('does not open an empty Processing folder', async () => {
    const context = contextWith(0, []);
    await drainProcessing(context, () => false);
    expect(context.client.mailboxOpen).not.toHaveBeenCalled();
  });
});

describe('nextRetryIn', () => {
  it('is the time to the first retry, never negative, and Infinity when none waits', () => {
    const retryAt = new Map([
      ['1:4', { at: 5_000, waits: 1 }],
      ['1:5', { at: 3_000, waits: 2 }],
    ]);
    expect(nextRetryIn(retryAt, 1_000)).toBe(2_000);
    expect(nextRetryIn(retryAt, 9_000)).toBe(0);
    expect(nextRetryIn(new Map(), 0)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('processClaims', () => {
  type Event = string;
  function setUp(options: { readonly validity?: bigint } = {}) {
    const events: Event[] = [];
    let opened: (box: { uidValidity: bigint }) => void = () => undefined;
    const client = {
      mailbox: { path: 'INBOX' },
      mailboxOpen: vi.fn(() => {
        events.push('select');
        return new Promise((resolve) => {
          opened = resolve;
        });
      }),
      fetchAll: vi.fn(async (range: string) => {
        events.push(`fetch ${range}`);
        return range.split(',').map((uid) => ({ uid: Number(uid), source: Buffer.from(`bytes ${uid}`) }));
      }),
    };
    tried.mockImplementation(async (_context, uid: number, _validity, _known, inHand?: InHand) => {
      const prepared = inHand?.prepared ? ` (${String(await inHand.prepared)})` : '';
      events.push(`try ${uid}${inHand ? ` with ${inHand.body.toString()}` : ''}${prepared}`);
      if (uid === 1) {
        opened({ uidValidity: options.validity ?? 7n });
      }
      return { kind: 'committed', claim: { uid }, result: {} };
    });
    filed.mockImplementation(async (_context, claim: { uid: number }) => {
      events.push(`move ${claim.uid}`);
      // The server's answer comes after any local work queued meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 0));
      events.push(`moved ${claim.uid}`);
      return 'filed';
    });
    const context = {
      client,
      processing: 'CRM/Processing',
      maxMessageBytes: 10_000_000,
    } as unknown as ProcessingContext;
    return { events, context };
  }
  const claimed = (uid: number, body?: string): ClaimedMessage => ({
    uid,
    size: 100,
    flags: new Set<string>(),
    firstTryCounted: true,
    // The claim read the bytes and started their stage 1.
    ...(body === undefined
      ? {}
      : {
          body: Buffer.from(body),
          prepared: Promise.resolve(`prepared ${body}` as unknown as PreparedMessage),
        }),
  });

  it('tries a first message in hand while Processing is selected, fetches the others in one FETCH, and files each while the next is tried', async () => {
    const { events, context } = setUp();
    const claims = { uidValidity: '7', messages: [claimed(1, 'in hand'), claimed(2), claimed(3)] };
    expect(await processClaims(context, claims, () => false)).toBe(true);
    expect(events).toEqual([
      'select',
      'try 1 with in hand (prepared in hand)',
      'move 1',
      'fetch 2,3',
      'try 2 with bytes 2',
      'moved 1',
      'move 2',
      'try 3 with bytes 3',
      'moved 2',
      'move 3',
      'moved 3',
    ]);
  });

  it('files nothing and asks for a whole drain when Processing is another folder now (UIDVALIDITY changed)', async () => {
    const { events, context } = setUp({ validity: 8n });
    const claims = { uidValidity: '7', messages: [claimed(1, 'in hand'), claimed(2)] };
    expect(await processClaims(context, claims, () => false)).toBe(false);
    expect(events).toEqual(['select', 'try 1 with in hand (prepared in hand)']);
  });
});
