import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  companionMethods,
  ipcChannel,
  type CompanionApi,
  type CompanionMethod,
} from '#shared/api/companion-api.js';
import type { CompanionEvent } from '#shared/api/companion-schemas.js';
import { eventChannel } from './ipc-channels.js';

/**
 * The preload bridge (docs/api.md "Electron"): `window.companion` is the CompanionApi over IPC plus onEvent, the
 * shape renderer/companion.d.ts expects. Each method invokes its own channel with its input only; ipcRenderer
 * itself, its event objects and any Node API stay on this side of contextIsolation. Bundled to one CommonJS
 * file (npm run build:app), as a sandboxed preload can require nothing but 'electron'.
 */
const api = Object.fromEntries(
  companionMethods.map((method: CompanionMethod) => [
    method,
    (input: unknown) => ipcRenderer.invoke(ipcChannel(method), input ?? {}),
  ]),
) as CompanionApi;

const bridge: CompanionApi & { onEvent(listener: (event: CompanionEvent) => void): () => void } = {
  ...api,
  onEvent(listener) {
    const handler = (_event: IpcRendererEvent, payload: CompanionEvent): void => listener(payload);
    ipcRenderer.on(eventChannel, handler);
    return () => {
      ipcRenderer.removeListener(eventChannel, handler);
    };
  },
};

contextBridge.exposeInMainWorld('companion', bridge);
