import { describe, expect, it } from 'vitest';
import { defaultParseLimits, resolveParseLimits } from '../../../../electron/core/limits.js';

describe('resolveParseLimits', () => {
  it('R3: has the documented defaults (150 MiB, depth 50, 60 s)', () => {
    expect(resolveParseLimits()).toEqual({
      maxMessageBytes: 150 * 1024 * 1024,
      maxMimeDepth: 50,
      maxMimeParts: 1000,
      maxAttachedMessages: 20,
      parseTimeoutMs: 60_000,
      maxHeaderBytes: 1024 * 1024,
      maxTextBytes: 4 * 1024 * 1024,
      maxRecipients: 1000,
    });
  });

  it('applies overrides and ignores undefined ones', () => {
    expect(resolveParseLimits({ parseTimeoutMs: 5, maxMimeDepth: undefined })).toEqual({
      ...defaultParseLimits,
      parseTimeoutMs: 5,
    });
  });

  it.each([0, -1, 1.5, Number.NaN])('throws on a limit of %s', (value) => {
    expect(() => resolveParseLimits({ maxMessageBytes: value })).toThrow(RangeError);
  });
});
