import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../../electron/core/logger.js';
import { startImapWatchdog } from '../../../../electron/intake/imap-watchdog.js';

afterEach(() => {
  vi.useRealTimers();
});

function fakeClient() {
  const client = { received: 0, stats: () => ({ received: client.received }), close: vi.fn() };
  return client;
}

describe('startImapWatchdog', () => {
  it('closes a connection silent for twice the IDLE time', () => {
    vi.useFakeTimers();
    const client = fakeClient();
    const warn = vi.fn();
    const timer = startImapWatchdog(client as never, 1_000, () => false, { ...silentLogger, warn });

    vi.advanceTimersByTime(2_250);

    expect(client.close).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith('no data from the IMAP server: reconnecting', expect.anything());
    clearInterval(timer);
  });

  it('keeps a connection that receives data, or that waits for the pipeline', () => {
    vi.useFakeTimers();
    const client = fakeClient();
    let inPipeline = false;
    const timer = startImapWatchdog(client as never, 1_000, () => inPipeline, silentLogger);

    for (let i = 0; i < 10; i++) {
      client.received += 1;
      vi.advanceTimersByTime(250);
    }
    inPipeline = true;
    vi.advanceTimersByTime(5_000);

    expect(client.close).not.toHaveBeenCalled();
    clearInterval(timer);
  });
});
