/**
 * The one IPC channel that is not a method of the local API: main → window, each companion event
 * (docs/api.md "Events"). Method channels are `ipcChannel(method)` from shared/api/companion-api.ts.
 */
export const eventChannel = 'companion:event';
