import type { CompanionApi } from '#shared/api/companion-api.js';
import type { CompanionEvent } from '#shared/api/companion-schemas.js';
import { createHttpClient } from '#shared/api/create-http-client.js';
import { parseCompanionEvent } from '#shared/api/parse-companion-event.js';

/** How the window reaches its companion, whichever transport carries it (docs/api.md). */
export type CompanionConnection = {
  readonly api: CompanionApi;
  /** New or changed results, status changes, import progress. */
  onEvent(listener: (event: CompanionEvent) => void): () => void;
  /** Whether the event stream is up; the HTTP transport drops when the companion stops. */
  onLink(listener: (up: boolean) => void): () => void;
};

const eventTypes: ReadonlyArray<CompanionEvent['type']> = ['result', 'status', 'import', 'pairing'];

/**
 * Electron's preload bridge when there is one (the IPC link never drops), else the HTTP client with the session
 * cookie and one EventSource on `/api/v1/events`, shared by every listener.
 */
export function connectCompanion(): CompanionConnection {
  const bridge = window.companion;
  if (bridge !== undefined) {
    return { api: bridge, onEvent: (listener) => bridge.onEvent(listener), onLink: () => () => undefined };
  }
  const api = createHttpClient({ baseUrl: '', fetch: window.fetch.bind(window) });
  const listeners = new Set<(event: CompanionEvent) => void>();
  const linkListeners = new Set<(up: boolean) => void>();
  let source: EventSource | null = null;
  const open = (): void => {
    source = new EventSource('/api/v1/events', { withCredentials: true });
    source.addEventListener('open', () => linkListeners.forEach((l) => l(true)));
    source.addEventListener('error', () => linkListeners.forEach((l) => l(false)));
    for (const type of eventTypes) {
      source.addEventListener(type, (message) => {
        const event = parseCompanionEvent((message as MessageEvent<string>).data);
        if (event !== null) {
          listeners.forEach((l) => l(event));
        }
      });
    }
  };
  const closeIfUnused = (): void => {
    if (listeners.size === 0 && linkListeners.size === 0) {
      source?.close();
      source = null;
    }
  };
  return {
    api,
    onEvent(listener) {
      listeners.add(listener);
      if (source === null) {
        open();
      }
      return () => {
        listeners.delete(listener);
        closeIfUnused();
      };
    },
    onLink(listener) {
      linkListeners.add(listener);
      return () => {
        linkListeners.delete(listener);
        closeIfUnused();
      };
    },
  };
}
