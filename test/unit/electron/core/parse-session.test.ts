import { describe, expect, it } from 'vitest';
import type { BlobStore } from '../../../../electron/core/blob-store.js';
import { resolveParseLimits } from '../../../../electron/core/limits.js';
import { malformed } from '../../../../electron/core/parse-failure.js';
import { createParseSession, stopParseSession } from '../../../../electron/core/parse-session.js';

describe('createParseSession / stopParseSession', () => {
  it('starts with the attached-message budget of the limits, and keeps the first reason it is stopped for', () => {
    const limits = resolveParseLimits({ maxAttachedMessages: 3 });
    const session = createParseSession({} as BlobStore, limits);
    expect(session.attachedMessagesLeft).toBe(3);
    expect(session.stopper.stopped).toBe(false);

    stopParseSession(session, { failure: malformed('first') });
    stopParseSession(session, { fault: new Error('second') });

    expect(session.stop).toEqual({ failure: malformed('first') });
    expect(session.stopper.stopped).toBe(true);
  });
});
