import { apiFailure, type ApiReply } from '#shared/api/api-error.js';
import type { Access, CallerIdentity } from '#shared/api/companion-api.js';
import { readCookie, sessionCookieName, type SignIn } from './sign-in.js';

export type Credentials = {
  readonly authorization: string | undefined;
  readonly cookie: string | undefined;
  readonly origin: string | null;
};

/**
 * The third guard (docs/api.md "Access"): `owner` routes take the companion.json token or the window's session
 * cookie; `pane` routes also a paired pane's own token; `public` routes (pairing requests) no token. A pane token
 * on an owner route is forbidden (403), an unknown or revoked token invalid (401).
 */
export function authenticate(
  access: Access,
  credentials: Credentials,
  deps: { readonly signIn: SignIn; readonly verifyPaneToken: (token: string) => string | null },
): ApiReply<CallerIdentity> {
  if (access === 'public') {
    return { ok: true, value: { kind: 'public', origin: credentials.origin } };
  }
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(credentials.authorization ?? '')?.[1];
  if (bearer !== undefined) {
    if (deps.signIn.isOwnerToken(bearer)) {
      return { ok: true, value: { kind: 'owner' } };
    }
    const pairingId = deps.verifyPaneToken(bearer);
    if (pairingId === null) {
      return apiFailure('AUTH.INVALID', 'The token is not valid (wrong, or a pairing that was revoked).');
    }
    return access === 'pane'
      ? { ok: true, value: { kind: 'pane', pairingId } }
      : apiFailure(
          'AUTH.FORBIDDEN',
          "A paired add-in pane may not call this: it is for the companion's window.",
        );
  }
  if (credentials.authorization !== undefined) {
    return apiFailure('AUTH.INVALID', 'Authorization must be "Bearer <token>".');
  }
  const session = readCookie(credentials.cookie, sessionCookieName);
  if (session !== null) {
    return deps.signIn.isSession(session)
      ? { ok: true, value: { kind: 'owner' } }
      : apiFailure(
          'AUTH.INVALID',
          'The session has ended: open the URL the companion printed to sign in again.',
        );
  }
  return apiFailure(
    'AUTH.REQUIRED',
    'Sign in first: open the URL the companion printed, or send Authorization: Bearer <token of companion.json>.',
  );
}
