import { describe, expect, it, vi } from 'vitest';
import { companionMethods, ipcChannel } from '#shared/api/companion-api.js';

// Electron itself cannot run here: ipcMain is a recording stand-in.
const handlers = vi.hoisted(() => new Map<string, (event: unknown, input: unknown) => unknown>());
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, input: unknown) => unknown) =>
      handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { registerIpcHandlers } = await import('../../../../electron/app/ipc-main.js');

describe('registerIpcHandlers', () => {
  it('registers one handler per API method, each passing the sender frame and input to the dispatcher', async () => {
    const calls: unknown[] = [];
    const remove = registerIpcHandlers(async (method, frame, input) => {
      calls.push({ method, frame, input });
      return { ok: true, value: null };
    });
    expect([...handlers.keys()].sort()).toEqual(companionMethods.map(ipcChannel).sort());

    const handler = handlers.get(ipcChannel('getStatus'))!;
    await handler({ senderFrame: { url: 'app://crm-mail-logger/', parent: null } }, {});
    await handler({ senderFrame: { url: 'app://crm-mail-logger/', parent: { url: 'x' } } }, { a: 1 });
    await handler({ senderFrame: null }, undefined);
    expect(calls).toEqual([
      { method: 'getStatus', frame: { url: 'app://crm-mail-logger/', isMainFrame: true }, input: {} },
      { method: 'getStatus', frame: { url: 'app://crm-mail-logger/', isMainFrame: false }, input: { a: 1 } },
      { method: 'getStatus', frame: null, input: undefined },
    ]);
    remove();
    expect(handlers.size).toBe(0);
  });
});
