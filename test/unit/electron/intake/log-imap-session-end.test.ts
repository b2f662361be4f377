import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../../electron/core/logger.js';
import { logImapSessionEnd } from '../../../../electron/intake/log-imap-session-end.js';

describe('logImapSessionEnd', () => {
  it('C1: a server without TLS is an error that says how to fix it', () => {
    const error = vi.fn();
    const refusal = Object.assign(new Error('no STARTTLS'), { tlsFailed: true });
    logImapSessionEnd({ ...silentLogger, error }, { host: 'imap.corp.example', port: 143 }, refusal);
    expect(error).toHaveBeenCalledWith(
      'IMAP server offers no TLS: not logging in over cleartext',
      expect.objectContaining({ host: 'imap.corp.example', port: 143, error: 'no STARTTLS' }),
    );
  });

  it('any other end of a session is a warning', () => {
    const warn = vi.fn();
    logImapSessionEnd({ ...silentLogger, warn }, { host: 'h', port: 993 }, new Error('ECONNRESET'));
    expect(warn).toHaveBeenCalledWith('IMAP session ended', { error: 'Error: ECONNRESET' });
  });
});
