import { forwardSubjectPrefixes, replySubjectPrefixes } from './forward-phrases.js';

export type SubjectKind = 'forward' | 'reply' | 'plain' | 'unknown';

// The blanks before a `[2]` counter belong to it: two `\s*` side by side were quadratic on `Re` + blanks (C7).
const prefixPattern = /^\s*(?:\[[^\]]*\]\s*)?([^\s:：[\]]{1,12}?)\.?(?:\s*\[\d+\])?\s*[:：]\s*/u;

/**
 * What the first prefix of a subject says: a forward ("Fwd:", "WG:", "TR:" …), a reply ("Re:", "AW:" …), neither,
 * or `unknown` when the subject is withheld. Only used to settle formats that look the same in forwards and replies;
 * detection of an explicit forwarded block never needs it.
 */
export function classifySubject(subject: string | null): SubjectKind {
  if (subject === null) {
    return 'unknown';
  }
  const prefix = prefixPattern.exec(subject)?.[1]?.normalize('NFKC').toLowerCase();
  if (prefix !== undefined && forwardSubjectPrefixes.includes(prefix)) {
    return 'forward';
  }
  if (prefix !== undefined && replySubjectPrefixes.includes(prefix)) {
    return 'reply';
  }
  return trailingForwardMarker(subject) === null ? 'plain' : 'forward';
}

/**
 * A forward marker at the end of a subject, in round or square brackets (Pine and Alpine write
 * "Offer (fwd)", others "Offer [Fwd]"): the subject without it, or null when there is none. An index scan, not
 * a `\s*…$` regex, which would retry a long blank run at every position (C7).
 */
function trailingForwardMarker(subject: string): string | null {
  const s = subject.trimEnd();
  const close = s.charAt(s.length - 1);
  const open = close === ')' ? '(' : close === ']' ? '[' : null;
  if (open === null) {
    return null;
  }
  const at = s.lastIndexOf(open, s.length - 2);
  if (at < 0 || s.length - at > 14) {
    return null;
  }
  const word = s
    .slice(at + 1, -1)
    .trim()
    .normalize('NFKC')
    .toLowerCase();
  return forwardSubjectPrefixes.includes(word) ? s.slice(0, at).trimEnd() : null;
}

/**
 * Every prefix of a forward or a reply, in every language: one list, so that R2's content key never depends on
 * the path a subject took.
 */
const subjectPrefixes: ReadonlySet<string> = new Set([...forwardSubjectPrefixes, ...replySubjectPrefixes]);

/** A prefix as written, compared without case and width (`ＲＥ` is `re`). */
function isSubjectPrefix(written: string): boolean {
  return subjectPrefixes.has(written.normalize('NFKC').toLowerCase());
}

/**
 * R2: the subject without its leading forward and reply prefixes ("FW: Re: Offer" → "Offer") and its trailing
 * forward markers ("Offer (fwd)" → "Offer"), the one normaliser that every rule stripping prefixes uses (the
 * content key, a forward's subject, a quoted attribution's).
 */
export function stripSubjectPrefixes(subject: string): string {
  let s = subject;
  for (let i = 0; i < 10; i++) {
    const match = prefixPattern.exec(s);
    const prefix = match?.[1];
    if (match === null || prefix === undefined || !isSubjectPrefix(prefix)) {
      break;
    }
    s = s.slice(match[0].length);
  }
  for (let i = 0; i < 10; i++) {
    const bare = trailingForwardMarker(s);
    if (bare === null) {
      break;
    }
    s = bare;
  }
  return s.trim();
}
