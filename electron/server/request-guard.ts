import type { ApiErrorCode } from '#shared/api/api-error.js';

export type GuardInput = {
  readonly host: string | undefined;
  /** Absent for same-origin navigations, curl and scripts; present on every cross-origin fetch. */
  readonly origin: string | undefined;
  readonly port: number;
  /** The settings' add-in hosts (https origins). */
  readonly addinOrigins: ReadonlyArray<string>;
};

export type GuardVerdict =
  | {
      readonly ok: true;
      /** The origin to name in CORS headers: a listed add-in host only, never the companion's own or `*`. */
      readonly corsOrigin: string | null;
    }
  | { readonly ok: false; readonly status: number; readonly code: ApiErrorCode; readonly message: string };

/** The names the companion answers to: a page on any other name reached it by DNS rebinding. */
export function allowedHosts(port: number): ReadonlyArray<string> {
  return [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`];
}

/** The companion's own origins: its window, under each of its names. */
export function ownOrigins(port: number): ReadonlyArray<string> {
  return allowedHosts(port).map((host) => `https://${host}`);
}

/**
 * The first two guards of every request (docs/api.md "Guards"), before any route or CORS:
 * 1. `Host` must be one of the companion's own names with its port: a page whose own hostname was rebound to
 *    127.0.0.1 sends its own name, and is refused (DNS rebinding). 421, REQUEST.HOST.
 * 2. `Origin`, when sent, must be the companion's own or a listed add-in host: any other web page the user visits
 *    can neither read a reply nor change anything. 403, REQUEST.ORIGIN; CORS headers only for listed hosts.
 * An absent Origin passes here: it is a same-origin navigation or a script, and the token check comes next.
 */
export function guardRequest(input: GuardInput): GuardVerdict {
  const host = input.host?.toLowerCase();
  if (host === undefined || !allowedHosts(input.port).includes(host)) {
    return {
      ok: false,
      status: 421,
      code: 'REQUEST.HOST',
      message: `This companion answers only as localhost:${input.port}, 127.0.0.1:${input.port} or [::1]:${input.port}, not as ${host ?? 'no Host'}.`,
    };
  }
  if (input.origin === undefined) {
    return { ok: true, corsOrigin: null };
  }
  const origin = input.origin.toLowerCase();
  if (ownOrigins(input.port).includes(origin)) {
    return { ok: true, corsOrigin: null };
  }
  const listed = input.addinOrigins.find((o) => normalizeOrigin(o) === origin);
  if (listed !== undefined) {
    return { ok: true, corsOrigin: input.origin };
  }
  return {
    ok: false,
    status: 403,
    code: 'REQUEST.ORIGIN',
    message: `Requests from ${input.origin} are refused: only the companion's own window and the add-in hosts listed in its settings may call it.`,
  };
}

/** `https://Outlook.example/` → `https://outlook.example`: an origin as browsers send it. */
export function normalizeOrigin(value: string): string {
  try {
    return new URL(value).origin.toLowerCase();
  } catch {
    return value.toLowerCase();
  }
}
