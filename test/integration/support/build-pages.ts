import { ensureAddinBuilt } from './build-addin.js';
import { ensureRendererBuilt } from './build-renderer.js';

/**
 * vitest's global setup of the integration project: the window and the add-in's pages are built once, before any
 * test file runs, so that files running side by side never build into the same folder at the same time.
 */
export default function buildPages(): void {
  ensureRendererBuilt();
  ensureAddinBuilt();
}
