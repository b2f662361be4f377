/**
 * A1: whether `address` is a form of the user's BCC address: the same mailbox and the same tag, with this or any
 * other token (`log+bcc@…`, `log+bcc.<old token>@…`). Those are the forms the switch removes before adding the
 * current one, because Outlook on the web ignores a change that only touches the part after `+`.
 */
export function isFormOfBccAddress(address: string, bccAddress: string): boolean {
  const mine = split(bccAddress);
  const theirs = split(address);
  if (mine === null || theirs === null || mine.domain !== theirs.domain || mine.base !== theirs.base) {
    return false;
  }
  return theirs.tag === mine.tag;
}

/** The exact address, compared as mail servers do for the local part here: case-insensitively. */
export function isSameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function split(address: string): { base: string; tag: string; domain: string } | null {
  const at = address.lastIndexOf('@');
  if (at <= 0) {
    return null;
  }
  const local = address.slice(0, at).trim().toLowerCase();
  const domain = address
    .slice(at + 1)
    .trim()
    .toLowerCase();
  const plus = local.indexOf('+');
  const base = plus < 0 ? local : local.slice(0, plus);
  const detail = plus < 0 ? '' : local.slice(plus + 1);
  const dot = detail.indexOf('.');
  return { base, tag: dot < 0 ? detail : detail.slice(0, dot), domain };
}
