import { describe, expect, it, vi } from 'vitest';
import { resyncWatched } from '../../../../electron/intake/resync-watched.js';

describe('resyncWatched (low-latency mode)', () => {
  it('sends one NOOP when the watched folder is selected and returns how many more it holds after it', async () => {
    const mailbox = { path: 'INBOX', exists: 2 };
    const status = vi.fn();
    const noop = vi.fn(async () => {
      mailbox.exists = 5; // the server's EXISTS in answer to the NOOP, as imapflow records it
    });
    expect(await resyncWatched({ mailbox, noop, status } as never, 'INBOX')).toBe(3);
    expect(noop).toHaveBeenCalledTimes(1);
    expect(status).not.toHaveBeenCalled();
  });

  it('returns 0 when the NOOP brings no news', async () => {
    const noop = vi.fn(async () => undefined);
    expect(await resyncWatched({ mailbox: { path: 'INBOX', exists: 4 }, noop } as never, 'INBOX')).toBe(0);
  });

  it('asks STATUS for the message count when another folder is selected', async () => {
    const noop = vi.fn();
    const status = vi.fn(async () => ({ path: 'INBOX', messages: 1 }));
    expect(
      await resyncWatched({ mailbox: { path: 'Processing', exists: 0 }, noop, status } as never, 'INBOX'),
    ).toBe(1);
    expect(status).toHaveBeenCalledWith('INBOX', { messages: true });
    expect(noop).not.toHaveBeenCalled();
  });
});
