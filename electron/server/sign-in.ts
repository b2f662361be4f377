import { randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a printed sign-in URL works, and how long a window stays signed in without a restart. */
export const signInLimits = { codeTtlMs: 10 * 60_000, sessionTtlMs: 30 * 24 * 60 * 60_000 } as const;

export const sessionCookieName = 'cml_session';

export type SignIn = {
  /** A fresh single-use code for the window URL's fragment (`#signin=CODE`). */
  mintCode(): string;
  /** Exchanges a code (once, before it expires) for a session id; null otherwise. */
  redeem(code: string): string | null;
  isSession(id: string): boolean;
  /** Whether the bearer token is the companion's own (companion.json), compared in constant time. */
  isOwnerToken(token: string): boolean;
};

/**
 * Signing the window in without the token ever appearing in a URL, a server log or the browser's history
 * (docs/api.md "Sign-in"): the printed URL carries a one-time code in its fragment, which browsers never send
 * to a server; the page posts it and receives an HttpOnly, Secure, SameSite=Strict session cookie.
 * Sessions live in memory: after a restart the window signs in again from the newly printed URL.
 */
export function createSignIn(ownerToken: string, now: () => number = Date.now): SignIn {
  const codes = new Map<string, number>();
  const sessions = new Map<string, number>();
  const owner = Buffer.from(ownerToken);
  const prune = (map: Map<string, number>): void => {
    const t = now();
    for (const [key, expires] of map) {
      if (expires <= t) {
        map.delete(key);
      }
    }
  };
  return {
    mintCode() {
      prune(codes);
      const code = randomBytes(24).toString('base64url');
      codes.set(code, now() + signInLimits.codeTtlMs);
      return code;
    },
    redeem(code) {
      prune(codes);
      if (!codes.delete(code)) {
        return null;
      }
      const id = randomBytes(32).toString('base64url');
      sessions.set(id, now() + signInLimits.sessionTtlMs);
      return id;
    },
    isSession(id) {
      prune(sessions);
      return sessions.has(id);
    },
    isOwnerToken(token) {
      const given = Buffer.from(token);
      return given.length === owner.length && timingSafeEqual(given, owner);
    },
  };
}

/** The value of one cookie in a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      return part.slice(eq + 1).trim();
    }
  }
  return null;
}
