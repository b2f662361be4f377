import { describe, expect, it } from 'vitest';
import {
  classifyFailure,
  existingIdOf,
  parseRetryAfter,
  toPushFailure,
} from '../../../../../electron/crm/hubspot/hubspot-failure.js';

const now = new Date('2026-03-02T22:00:00.000Z');

function apiException(code: number, body: unknown, headers: Record<string, string> = {}): unknown {
  return Object.assign(new Error(`HTTP-Code: ${code}`), { code, body, headers });
}

describe('classifyFailure', () => {
  it.each([
    [
      'TEN_SECONDLY_ROLLING with Retry-After',
      apiException(429, { policyName: 'TEN_SECONDLY_ROLLING', message: 'x' }, { 'retry-after': '3' }),
      3_000,
    ],
    [
      'TEN_SECONDLY_ROLLING without Retry-After',
      apiException(429, { policyName: 'TEN_SECONDLY_ROLLING', message: 'x' }),
      10_000,
    ],
    [
      'SECONDLY',
      apiException(429, { policyName: 'SECONDLY', message: 'You have reached your secondly limit.' }),
      1_000,
    ],
    [
      'DAILY (until midnight UTC)',
      apiException(429, { policyName: 'DAILY', message: 'You have reached your daily limit.' }),
      2 * 3600_000,
    ],
  ])('C3: a 429 %s is CRM.RATE_LIMITED, retryable after the policy window', (_, e, wait) => {
    const failure = classifyFailure(e, now);
    expect(failure.kind).toBe('rate-limited');
    expect(toPushFailure(failure)).toMatchObject({
      code: 'CRM.RATE_LIMITED',
      retryable: true,
      retryAfterMs: wait,
    });
  });

  it.each([
    ['a 502', apiException(502, { message: 'bad gateway' })],
    [
      'a gateway page the SDK cannot parse',
      new Error('The mediaType text/html is not supported by ObjectSerializer.parse.'),
    ],
    ['malformed JSON', new SyntaxError('Unexpected end of JSON input')],
    ['a network error', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
  ])('C3: %s is CRM.UNAVAILABLE, retryable', (_, e) => {
    expect(toPushFailure(classifyFailure(e, now))).toMatchObject({
      code: 'CRM.UNAVAILABLE',
      retryable: true,
    });
  });

  it.each([400, 401, 403, 404, 409])('C3: a %i is CRM.REJECTED, not retryable', (code) => {
    const failure = classifyFailure(apiException(code, { message: 'no', correlationId: 'c-1' }), now);
    expect(toPushFailure(failure)).toMatchObject({ code: 'CRM.REJECTED', retryable: false });
    expect(failure.message).toContain('correlationId c-1');
  });

  it('reads the existing contact id from the documented 409 (docs/hubspot.md)', () => {
    expect(existingIdOf({ message: 'Contact already exists. Existing ID: 2926551' })).toBe('2926551');
    expect(existingIdOf({ message: 'other' })).toBeNull();
  });

  it('reads Retry-After in seconds or as a date', () => {
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 22:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
