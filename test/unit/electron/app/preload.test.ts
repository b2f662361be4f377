import { beforeAll, describe, expect, it, vi } from 'vitest';
import { companionMethods, ipcChannel } from '#shared/api/companion-api.js';
import type { CompanionEvent } from '#shared/api/companion-schemas.js';
import { eventChannel } from '../../../../electron/app/ipc-channels.js';

// Electron itself cannot run here: the preload is loaded against a recording stand-in of its two APIs.
const exposed = new Map<string, unknown>();
const ipc = vi.hoisted(() => ({
  invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
  on: vi.fn(),
  removeListener: vi.fn(),
  send: vi.fn(),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: ipc,
}));

type Bridge = Record<string, (...args: unknown[]) => unknown>;
let bridge: Bridge;

beforeAll(async () => {
  await import('../../../../electron/app/preload.js');
  bridge = exposed.get('companion') as Bridge;
});

describe('the preload bridge', () => {
  it('exposes window.companion only: every API method and onEvent, and nothing of ipcRenderer', () => {
    expect([...exposed.keys()]).toEqual(['companion']);
    expect(Object.keys(bridge).sort()).toEqual([...companionMethods, 'onEvent'].sort());
    for (const value of Object.values(bridge)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(ipc.invoke);
      expect(value).not.toBe(ipc.send);
      expect(value).not.toBe(ipc.on);
    }
  });

  it('each method invokes its own channel with the input only (and {} when there is none)', async () => {
    expect(await bridge['listResults']!({ limit: 5 })).toEqual({
      ok: true,
      value: { channel: ipcChannel('listResults'), input: { limit: 5 } },
    });
    await bridge['getStatus']!();
    expect(ipc.invoke).toHaveBeenLastCalledWith('companion:getStatus', {});
  });

  it('onEvent hands the listener the event alone, never the IPC event object, and unsubscribes', () => {
    const seen: CompanionEvent[] = [];
    const stop = bridge['onEvent']!((event: CompanionEvent) => seen.push(event)) as () => void;
    const [channel, handler] = ipc.on.mock.calls[0] as [string, (e: unknown, p: unknown) => void];
    expect(channel).toBe(eventChannel);
    const payload = { type: 'status' };
    handler({ sender: 'the ipcRenderer event' }, payload);
    expect(seen).toEqual([payload]);
    stop();
    expect(ipc.removeListener).toHaveBeenCalledWith(eventChannel, handler);
  });
});
