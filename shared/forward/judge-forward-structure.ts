import type { QuoteStructure } from './find-quote-structures.js';
import type { HtmlMarker } from './html-to-text.js';
import { isReplyLikeNote } from './is-reply-like-note.js';
import type { SubjectKind } from './subject-prefix.js';

/** A structure judged to be a forwarded block, with how sure we are; or a reply; or nothing found. */
export type Judgement =
  | { readonly kind: 'forward'; readonly structure: QuoteStructure; readonly confidence: number }
  | { readonly kind: 'reply' }
  | { readonly kind: 'none' };

/**
 * Decides whether the first (outermost) quoted structure of a body is a forwarded block (F2, docs/performance.md).
 *
 * - A forward separator ("Forwarded message", "Begin forwarded message", Yahoo's one-line header) is a forward
 *   whatever the subject says: subjects get edited.
 * - A reply attribution ("On … wrote:") is a reply, unless the forward's subject says it is a forward: Outlook
 *   2019 for Mac forwards with exactly that attribution, and nothing else tells them apart.
 * - Outlook's header block (bare, under a rule line or under "Original Message") is written the same way above a
 *   forward and above a reply. It is a forward when the subject says so, a reply when the subject says so; with
 *   no word from the subject, a block with nothing above it is a forward (a reply has the replier's text above),
 *   a block in Outlook for Mac's quoted-reply section is a reply, and a block under a note shaped like a letter
 *   (greeting, closing) is a reply.
 */
export function judgeFirstStructure(
  structure: QuoteStructure | undefined,
  note: string,
  subject: SubjectKind,
  markers: ReadonlySet<HtmlMarker>,
): Judgement {
  if (structure === undefined) {
    return { kind: 'none' };
  }
  const forward = (confidence: number): Judgement => ({ kind: 'forward', structure, confidence });
  switch (structure.marker) {
    case 'forward':
      return forward(structure.glued ? 0.9 : 0.97);
    case 'attribution':
      return subject === 'forward' && structure.attribution?.address != null
        ? forward(0.75)
        : { kind: 'reply' };
    default:
      break;
  }
  if (subject === 'forward') {
    return forward(0.9);
  }
  if (subject === 'reply') {
    return { kind: 'reply' };
  }
  if (note === '') {
    return forward(structure.marker === 'none' ? 0.75 : 0.85);
  }
  if (markers.has('outlook-mac') && structure.marker === 'none') {
    return { kind: 'reply' };
  }
  if (isReplyLikeNote(note)) {
    return { kind: 'reply' };
  }
  return forward(structure.marker === 'original' ? 0.7 : 0.6);
}
