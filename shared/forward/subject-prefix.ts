import { forwardSubjectPrefixes, replySubjectPrefixes } from './forward-phrases.js';

export type SubjectKind = 'forward' | 'reply' | 'plain' | 'unknown';

// The blanks before a `[2]` counter belong to it: two `\s*` side by side were quadratic on `Re` + blanks (C7).
const prefixPattern = /^\s*(?:\[[^\]]*\]\s*)?([^\s:：[\]]{1,12}?)\.?(?:\s*\[\d+\])?\s*[:：]\s*/u;

/**
 * What the first prefix of a subject says: a forward ("Fwd:", "WG:", "TR:" …), a reply ("Re:", "AW:" …), neither,
 * or `unknown` when the subject is withheld. Only used to settle formats that look the same in forwards and replies;
 * detection of an explicit forwarded block never needs it (issue 3).
 */
export function classifySubject(subject: string | null): SubjectKind {
  if (subject === null) {
    return 'unknown';
  }
  const prefix = prefixPattern.exec(subject)?.[1]?.toLowerCase();
  if (prefix === undefined) {
    return 'plain';
  }
  if (forwardSubjectPrefixes.includes(prefix)) {
    return 'forward';
  }
  return replySubjectPrefixes.includes(prefix) ? 'reply' : 'plain';
}

/** The subject without its leading forward and reply prefixes ("FW: Re: Offer" → "Offer"). */
export function stripSubjectPrefixes(subject: string): string {
  let s = subject;
  for (let i = 0; i < 10; i++) {
    const match = prefixPattern.exec(s);
    const prefix = match?.[1]?.toLowerCase();
    if (match === null || prefix === undefined) {
      break;
    }
    if (!forwardSubjectPrefixes.includes(prefix) && !replySubjectPrefixes.includes(prefix)) {
      break;
    }
    s = s.slice(match[0].length);
  }
  return s.trim();
}
