import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../../electron/core/logger.js';
import { listenImapClient } from '../../../../electron/intake/listen-imap-client.js';

describe('listenImapClient', () => {
  it('wakes on new mail in the watched folder (with how many more it holds) and on close, until unlistened; errors are logged', () => {
    const client = new EventEmitter();
    const wake = vi.fn();
    const warn = vi.fn();
    const unlisten = listenImapClient(client as never, 'INBOX', wake, { ...silentLogger, warn });

    client.emit('exists', { path: 'Other', count: 1, prevCount: 0 });
    client.emit('exists', { path: 'INBOX', count: 3, prevCount: 1 });
    client.emit('close');
    expect(wake.mock.calls).toEqual([[2], [0]]);

    unlisten();
    client.emit('close');
    client.emit('error', new Error('reset'));
    expect(wake).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledWith('IMAP connection error', { error: 'reset' });
  });
});
