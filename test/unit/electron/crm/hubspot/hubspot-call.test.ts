import { describe, expect, it } from 'vitest';
import { createHubSpotCall, type HttpInfoLike } from '../../../../../electron/crm/hubspot/hubspot-call.js';
import type { RateGate } from '../../../../../electron/crm/hubspot/rate-gate.js';

function apiException(code: number, body: unknown, headers: Record<string, string> = {}): unknown {
  return Object.assign(new Error(`HTTP-Code: ${code}`), { code, body, headers });
}

/** A gate that lets everything through at once and records what the call told it, in order. */
function recordingGate(events: string[]): RateGate {
  return {
    acquire: (kind) => {
      events.push(`acquire ${kind}`);
      return Promise.resolve(() => events.push('answered'));
    },
    learn: () => undefined,
    pause: (ms) => events.push(`pause ${ms}`),
  };
}

/** A call whose gate records into `events`, at a fixed time, with sleeps that return at once. */
function callRecording(events: string[], timeoutMs: number) {
  return createHubSpotCall({
    gate: recordingGate(events),
    timeoutMs,
    maxRateLimitWaitMs: 5000,
    now: () => new Date('2026-03-02T09:00:00.000Z'),
    sleep: () => Promise.resolve(),
  });
}

describe('createHubSpotCall', () => {
  it('C3: tells the gate each answer came back before it pauses or asks again (docs/hubspot.md#rate-limits)', async () => {
    const events: string[] = [];
    const call = callRecording(events, 1000);
    const answers: Array<() => Promise<HttpInfoLike<string>>> = [
      () => Promise.reject(apiException(429, { policyName: 'SECONDLY', message: 'secondly limit' })),
      () => Promise.reject(apiException(502, 'Bad gateway')),
      () => Promise.resolve({ httpStatusCode: 200, headers: {}, data: 'found' }),
    ];
    const info = await call('search', { kind: 'search', idempotent: true }, () => {
      events.push('sent');
      const next = answers.shift();
      if (next === undefined) {
        throw new Error('asked once too often');
      }
      return next();
    });
    expect(info.data).toBe('found');
    expect(events).toEqual([
      ...['acquire search', 'sent', 'answered', 'pause 1000'],
      ...['acquire search', 'sent', 'answered'],
      ...['acquire search', 'sent', 'answered'],
    ]);
  });

  it('stops holding the place of a request it gave up on', async () => {
    const events: string[] = [];
    const call = callRecording(events, 10);
    const hang = () => new Promise<HttpInfoLike<string>>(() => undefined);
    await expect(call('create', { idempotent: false }, hang)).rejects.toMatchObject({ kind: 'unavailable' });
    expect(events).toEqual(['acquire general', 'answered']);
  });
});
