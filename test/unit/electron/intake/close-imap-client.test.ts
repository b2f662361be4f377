import { describe, expect, it, vi } from 'vitest';
import { closeImapClient } from '../../../../electron/intake/close-imap-client.js';

describe('closeImapClient', () => {
  it('logs out when stopping, then drops the socket', async () => {
    const client = { usable: true, logout: vi.fn(async () => {}), close: vi.fn() };
    await closeImapClient(client, true);
    expect(client.logout).toHaveBeenCalled();
    expect(client.close).toHaveBeenCalled();
  });

  it('does not wait for a logout that never ends beyond its limit', async () => {
    const client = { usable: true, logout: vi.fn(() => new Promise<void>(() => {})), close: vi.fn() };
    await closeImapClient(client, true, 10);
    expect(client.close).toHaveBeenCalled();
  });

  it('only drops the socket when not stopping', async () => {
    const client = { usable: true, logout: vi.fn(async () => {}), close: vi.fn() };
    await closeImapClient(client, false);
    expect(client.logout).not.toHaveBeenCalled();
    expect(client.close).toHaveBeenCalled();
  });
});
