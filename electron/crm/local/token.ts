import { randomInt } from 'node:crypto';

const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** 20 characters of 36: about 103 bits, far beyond guessing through a mailbox. */
const tokenLength = 20;

/**
 * A new user token (docs/rules.md#words, B2). It becomes the local part of an address (`log+bcc.<token>@corp.example`), which
 * mail systems lower-case and some mangle, so it is drawn from `[a-z0-9]` only, with a CSPRNG (`randomInt` has
 * no modulo bias).
 */
export function generateToken(): string {
  let token = '';
  for (let i = 0; i < tokenLength; i++) {
    token += alphabet[randomInt(alphabet.length)];
  }
  return token;
}
