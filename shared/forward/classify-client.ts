import type { ForwardClient } from '../model/log-result.js';
import type { HtmlMarker } from './html-to-text.js';
import type { QuoteStructure } from './find-quote-structures.js';

/**
 * Names the client format a forwarded block was written by (docs/rules.md#results `forward.client`), from the HTML markers when
 * the forward had HTML, else from the shape of the separator and header: Yahoo's one-line header, Thunderbird's
 * eight dashes and Subject-first order, Gmail's ten dashes (not Alpine's ten on both sides), Apple Mail's "Begin forwarded message:" sentence,
 * Outlook on the web's rule line, Outlook for Mac's "On … wrote:" and bare header block, Outlook for Windows'
 * `[mailto:]` or address-less (Exchange) block and "Original Message" line.
 */
export function classifyClient(structure: QuoteStructure, markers: ReadonlySet<HtmlMarker>): ForwardClient {
  if (structure.glued || markers.has('yahoo')) {
    return 'yahoo';
  }
  if (markers.has('thunderbird')) {
    return 'thunderbird';
  }
  if (markers.has('gmail')) {
    return 'gmail';
  }
  if (markers.has('apple') && structure.marker === 'forward') {
    return 'apple-mail';
  }
  if (markers.has('outlook-mac')) {
    return 'outlook-mac';
  }
  if (markers.has('outlook')) {
    return 'outlook-web';
  }
  switch (structure.marker) {
    case 'forward':
      return separatorClient(structure);
    case 'attribution':
      return 'outlook-mac';
    case 'rule':
      return 'outlook-web';
    case 'original':
      return 'outlook-win';
    case 'none':
      // Outlook for Windows labels the date "Sent", Outlook for Mac "Date"; an Exchange sender without address or
      // a `[mailto:]` link is Windows too.
      return structure.sentLabel || /\[mailto:|^[^@]*$/i.test(structure.fields.from ?? '')
        ? 'outlook-win'
        : 'outlook-mac';
  }
}

/**
 * Gmail writes ten dashes before "Forwarded message" and nine after, From first; Alpine and Pine write ten on both
 * sides, Date first, and have no label of their own: `generic`. Gmail's "Forwarded conversation" is Gmail's only.
 */
function separatorClient(structure: QuoteStructure): ForwardClient {
  const text = structure.separatorText.trim();
  const dashes = /^-+/.exec(text)?.[0].length ?? 0;
  const closing = /-+$/.exec(text)?.[0].length ?? 0;
  if (structure.conversation) {
    return 'gmail';
  }
  if (structure.order[0] === 'subject' || dashes === 8) {
    return 'thunderbird';
  }
  if (dashes === 0) {
    return 'apple-mail';
  }
  return dashes === 10 && closing !== 10 && structure.order[0] !== 'date' ? 'gmail' : 'generic';
}
