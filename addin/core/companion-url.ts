import { defaultCompanionUrl } from './companion-link.js';

/**
 * Where a pane finds the companion: `?companion=` when IT names it, the page's own origin when the companion
 * serves the pages itself (on localhost), else the companion's fixed default (pages hosted on IT's server).
 */
export function companionUrlFor(location: {
  readonly search: string;
  readonly origin: string;
  readonly hostname: string;
}): string {
  const named = new URLSearchParams(location.search).get('companion');
  if (named !== null && /^https:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(named)) {
    return named;
  }
  const local =
    location.hostname === 'localhost' || location.hostname === '127.0.0.1' || location.hostname === '[::1]';
  return local ? location.origin : defaultCompanionUrl;
}
