/**
 * `text` without a leading run of white space and `leading` characters and a trailing run of white space and
 * `trailing` characters: what `/^[\s…]+|[\s…]+$/g` does, by index scans. That regex is quadratic (C7,
 * docs/rules.md): `[\s…]+$` retries its run from every position of a long run that stops short of the end.
 * The characters listed must be single UTF-16 units.
 */
export function trimRuns(text: string, leading: string, trailing: string): string {
  let start = 0;
  while (start < text.length && isIn(text.charAt(start), leading)) {
    start++;
  }
  let end = text.length;
  while (end > start && isIn(text.charAt(end - 1), trailing)) {
    end--;
  }
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function isIn(c: string, chars: string): boolean {
  return chars.includes(c) || (c !== '' && c.trim() === '');
}
