import { ipcMain, type WebContents } from 'electron';
import { companionMethods, ipcChannel } from '#shared/api/companion-api.js';
import type { CompanionEvents } from '../companion/companion-events.js';
import { eventChannel } from './ipc-channels.js';
import type { IpcDispatch } from './ipc-dispatch.js';

/**
 * Every ipcMain.handle of the app, in this one module (the lint rule lets no other file import ipcMain): one
 * channel per method of the local API, each answered by the dispatcher, which checks the sender frame, validates
 * the input and calls the CompanionService. Returns the function that removes them.
 */
export function registerIpcHandlers(dispatch: IpcDispatch): () => void {
  for (const method of companionMethods) {
    ipcMain.handle(ipcChannel(method), (event, input: unknown) => {
      const frame = event.senderFrame;
      return dispatch(
        method,
        frame === null ? null : { url: frame.url, isMainFrame: frame.parent === null },
        input,
      );
    });
  }
  return () => companionMethods.forEach((method) => ipcMain.removeHandler(ipcChannel(method)));
}

/** Companion events to the window, and only to it (main → renderer needs no ipcMain). */
export function forwardEvents(events: CompanionEvents, contents: WebContents): () => void {
  return events.on((event) => {
    if (!contents.isDestroyed()) {
      contents.send(eventChannel, event);
    }
  });
}
