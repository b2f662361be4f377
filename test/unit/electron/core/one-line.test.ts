import { describe, expect, it } from 'vitest';
import { oneLine } from '../../../../electron/core/one-line.js';

describe('oneLine', () => {
  it('turns each run of control characters into one space (no header injection)', () => {
    expect(oneLine('Hello\r\nBcc: evil@example.com\u0000!')).toBe('Hello Bcc: evil@example.com !');
    expect(oneLine('plain')).toBe('plain');
  });
});
