import type { CompanionApi } from '#shared/api/companion-api.js';
import type { CompanionEvent } from '#shared/api/companion-schemas.js';

/** What Electron's preload exposes: the same methods as the HTTP client, plus the event stream. */
export type CompanionBridge = CompanionApi & {
  onEvent(listener: (event: CompanionEvent) => void): () => void;
};

declare global {
  // Global augmentation needs an interface (the one place the project uses one).
  interface Window {
    readonly companion?: CompanionBridge;
  }
}
