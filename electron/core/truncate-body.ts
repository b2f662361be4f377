import type { ParseLimits } from './limits.js';
import type { ParseDefect } from './parse-failure.js';
import { truncateUtf8 } from './parse-mime-structure.js';

/** Cuts a body to the byte limit on a character boundary, reporting it in `defects`. */
export function truncateBody(
  value: string | null,
  kind: 'text' | 'html',
  limits: Pick<ParseLimits, 'maxTextBytes'>,
  defects: ParseDefect[],
): string | null {
  const cut = value === null ? null : truncateUtf8(value, limits.maxTextBytes);
  if (cut === null) {
    return value;
  }
  defects.push({
    kind: `${kind}-truncated`,
    detail: `${kind} body of ${cut.bytes} bytes cut to ${cut.keptBytes}`,
  });
  return cut.text;
}
