import { describe, expect, it } from 'vitest';
import { malformed, tooLarge } from '../../../../electron/core/parse-failure.js';

describe('parse failures', () => {
  it('R3: names the reason and says why', () => {
    expect(malformed('no header')).toEqual({ reason: 'malformed-message', detail: 'no header' });
    expect(tooLarge({ maxMessageBytes: 10 })).toEqual({
      reason: 'message-too-large',
      detail: 'the message is over the limit of 10 bytes',
    });
  });
});
