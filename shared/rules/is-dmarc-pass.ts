import type { ParsedMessage } from '../model/parsed-message.js';
import type { AccountIndex } from './account-index.js';

/**
 * Whether the account's own receiving server recorded `dmarc=pass` for the From domain (beyond; `dmarc-fail`).
 * Only an Authentication-Results header whose authserv-id is the configured one counts: anyone can write such a
 * header into a message before sending it, so a header from any other server proves nothing (RFC 8601 §5).
 */
export function isDmarcPass(message: ParsedMessage, fromDomain: string, index: AccountIndex): boolean {
  const trusted = index.settings.authServId?.toLowerCase();
  if (!trusted) {
    return false;
  }
  return message.headers.authenticationResults.some((header) => {
    const [servId, ...results] = header.split(';');
    if (servId?.trim().split(/\s+/)[0]?.toLowerCase() !== trusted) {
      return false;
    }
    return results.some((result) => {
      const r = result.trim().toLowerCase();
      if (!/^dmarc\s*=\s*pass\b/.test(r)) {
        return false;
      }
      const from = /header\.from\s*=\s*([^\s;]+)/.exec(r)?.[1];
      return from === undefined || from === fromDomain;
    });
  });
}
