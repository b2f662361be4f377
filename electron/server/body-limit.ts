import type { CompanionMethod } from '#shared/api/companion-api.js';
import { defaultParseLimits } from '../core/limits.js';

/** Everything but a whole message: settings, lists, ids. The window and the add-in never send more. */
export const smallBodyBytes = 64 * 1024;

/**
 * The largest JSON body a route takes (docs/api.md "Guards"): routes carrying a whole message (base64) take the
 * message size limit of the parser, inflated by base64's 4/3 plus room for the JSON around it; the rest 64 KiB.
 */
export function bodyLimitOf(method: CompanionMethod): number {
  if (method === 'logNow' || method === 'checkForward') {
    return Math.ceil(defaultParseLimits.maxMessageBytes / 3) * 4 + 4096;
  }
  return smallBodyBytes;
}
