import { describe, expect, it } from 'vitest';
import type { ParseDefect } from '../../../../electron/core/parse-failure.js';
import { truncateBody } from '../../../../electron/core/truncate-body.js';

describe('truncateBody', () => {
  it('R3: cuts a body over the limit on a character boundary and reports it', () => {
    const defects: ParseDefect[] = [];
    expect(truncateBody('ééé', 'text', { maxTextBytes: 5 }, defects)).toBe('éé');
    expect(defects).toEqual([{ kind: 'text-truncated', detail: 'text body of 6 bytes cut to 4' }]);
  });

  it('leaves a body within the limit, and null, alone', () => {
    const defects: ParseDefect[] = [];
    expect(truncateBody('<p>hi</p>', 'html', { maxTextBytes: 100 }, defects)).toBe('<p>hi</p>');
    expect(truncateBody(null, 'html', { maxTextBytes: 1 }, defects)).toBeNull();
    expect(defects).toEqual([]);
  });
});
