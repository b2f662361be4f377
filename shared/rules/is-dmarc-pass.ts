import type { RoutingFields } from '../model/parsed-message.js';
import type { AccountIndex } from './account-index.js';

/**
 * Whether the account's own receiving server recorded `dmarc=pass` for the From domain (beyond; `dmarc-fail`).
 * Only an Authentication-Results header whose authserv-id is the configured one counts: anyone can write such a
 * header into a message before sending it, so a header from any other server proves nothing (RFC 8601 §5).
 * And only the topmost such header: headers are prepended hop by hop, so ours is above anything the sender
 * wrote, and a forged one carrying our authserv-id further down (left in place by a server that does not strip
 * them) must not overrule our own verdict.
 */
export function isDmarcPass(
  message: Pick<RoutingFields, 'headers'>,
  fromDomain: string,
  index: AccountIndex,
): boolean {
  const trusted = index.settings.authServId?.toLowerCase();
  if (!trusted) {
    return false;
  }
  const ours = message.headers.authenticationResults.find(
    (header) => header.split(';')[0]?.trim().split(/\s+/)[0]?.toLowerCase() === trusted,
  );
  if (ours === undefined) {
    return false;
  }
  const [, ...results] = ours.split(';');
  return results.some((result) => {
    const r = result.trim().toLowerCase();
    if (!/^dmarc\s*=\s*pass\b/.test(r)) {
      return false;
    }
    const from = /header\.from\s*=\s*([^\s;]+)/.exec(r)?.[1];
    return from === undefined || from === fromDomain;
  });
}
