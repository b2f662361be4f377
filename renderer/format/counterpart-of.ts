import type { ResultEntry } from '#shared/api/companion-schemas.js';

/**
 * Who the mail was with: the recipients of an outgoing mail, the original sender of an incoming (forwarded) one.
 * Null when the message could not be read far enough to know (a malformed or oversized message).
 */
export function counterpartOf(entry: Pick<ResultEntry, 'email'>): string | null {
  const email = entry.email;
  if (email === undefined) {
    return null;
  }
  if (email.direction === 'incoming') {
    return email.from === '' ? null : email.from;
  }
  const recipients = [...email.to, ...email.cc];
  return recipients.length === 0 ? null : recipients.join(', ');
}
