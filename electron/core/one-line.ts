/**
 * A decoded header text (subject, display name) as one line: RFC 2047 can encode CR, LF and NUL, and a value
 * that carries them into a notice's header or another system's record is a header injection. Each run of
 * control characters becomes one space.
 */
export function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}
