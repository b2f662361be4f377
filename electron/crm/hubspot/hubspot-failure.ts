import type { PushFailure } from '../crm-backend.port.js';

/**
 * A failed HubSpot call, classified (docs/hubspot.md, §5):
 * - `rate-limited`: 429 (policy `TEN_SECONDLY_ROLLING`, `SECONDLY` or `DAILY`), with how long to wait;
 * - `unavailable`: 5xx, a timeout, a network error, or a body that is not the JSON it should be: retry later;
 * - `conflict` (409) and `not-found` (404): the caller decides (a contact that exists is found, not an error);
 * - `rejected`: every other 4xx (validation, auth, scopes): retrying the same request cannot help.
 */
export type FailureKind = 'rate-limited' | 'unavailable' | 'conflict' | 'not-found' | 'rejected';

export class HubSpotFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status: number | null,
    readonly body: unknown,
    readonly retryAfterMs?: number,
    readonly policy?: string,
  ) {
    super(message);
    this.name = 'HubSpotFailure';
  }
}

type ApiExceptionLike = { code: number; body: unknown; headers: Record<string, string | undefined> };

function isApiException(e: unknown): e is ApiExceptionLike {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { code?: unknown }).code === 'number' &&
    'body' in e &&
    'headers' in e
  );
}

function field(body: unknown, name: string): string | undefined {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** `Retry-After` in seconds or as an HTTP date, in ms from `now`. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined || value.trim() === '') {
    return undefined;
  }
  if (/^\d+(\.\d+)?$/.test(value.trim())) {
    return Math.ceil(Number(value) * 1000);
  }
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** Until the next midnight UTC: the daily limit resets at midnight in the account's time zone, unknown here. */
function untilMidnight(now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return next - now.getTime();
}

/** Classifies whatever a call threw: the SDK's `ApiException` (`code`, `body`, `headers`), or anything else. */
export function classifyFailure(e: unknown, now: Date): HubSpotFailure {
  if (e instanceof HubSpotFailure) {
    return e;
  }
  if (!isApiException(e)) {
    const message = e instanceof Error ? e.message : String(e);
    return new HubSpotFailure(
      'unavailable',
      `HubSpot unreachable or answered garbage: ${message}`,
      null,
      undefined,
    );
  }
  const status = e.code;
  const message = field(e.body, 'message') ?? `HTTP ${status}`;
  const correlation = field(e.body, 'correlationId');
  const text = `HubSpot ${status}: ${message}${correlation === undefined ? '' : ` (correlationId ${correlation})`}`;
  if (status === 429) {
    const policy = field(e.body, 'policyName');
    const retryAfter = parseRetryAfter(e.headers['retry-after'], now);
    const wait =
      policy === 'DAILY'
        ? (retryAfter ?? untilMidnight(now))
        : (retryAfter ?? (policy === 'SECONDLY' || message.includes('secondly limit') ? 1000 : 10_000));
    return new HubSpotFailure('rate-limited', text, status, e.body, wait, policy ?? 'UNKNOWN');
  }
  if (status >= 500 || status === 0) {
    return new HubSpotFailure('unavailable', text, status, e.body);
  }
  if (status === 409) {
    return new HubSpotFailure('conflict', text, status, e.body);
  }
  if (status === 404) {
    return new HubSpotFailure('not-found', text, status, e.body);
  }
  return new HubSpotFailure('rejected', text, status, e.body);
}

/** The outbox's view of a failure (C3): what to report, and whether and when to try again. */
export function toPushFailure(failure: HubSpotFailure): PushFailure {
  switch (failure.kind) {
    case 'rate-limited':
      return {
        code: 'CRM.RATE_LIMITED',
        message: failure.message,
        retryable: true,
        ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
      };
    case 'unavailable':
      return { code: 'CRM.UNAVAILABLE', message: failure.message, retryable: true };
    case 'conflict':
    case 'not-found':
    case 'rejected':
      return { code: 'CRM.REJECTED', message: failure.message, retryable: false };
  }
}

/** docs/hubspot.md: the existing contact's id in a 409 `OBJECT_ALREADY_EXISTS` message. */
export function existingIdOf(body: unknown): string | null {
  return /Existing ID: (\d+)/.exec(field(body, 'message') ?? '')?.[1] ?? null;
}
