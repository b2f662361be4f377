/** One line of a text body, with its quote depth ("> > x" is depth 2) and its content without the quote marks. */
export type TextLine = {
  readonly raw: string;
  readonly depth: number;
  /** The line without quote marks, trimmed. */
  readonly content: string;
};

/** Splits a text body into lines, normalising line ends, a byte-order mark and no-break spaces. */
export function splitTextLines(text: string): TextLine[] {
  return normalizeText(text)
    .split('\n')
    .map((raw) => {
      const quote = /^((?:[ \t]*>)*)[ \t]?/.exec(raw)?.[0] ?? '';
      const depth = (quote.match(/>/g) ?? []).length;
      return { raw, depth, content: raw.slice(depth > 0 ? quote.length : 0).trim() };
    });
}

/** CRLF to LF, no BOM, no zero-width characters; no-break spaces become spaces. */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\ufeff\u200b\u200e\u200f]/g, '')
    .replace(/\u00a0/g, ' ');
}

/**
 * The original body of a forwarded block: the lines from `start`, with `depth` levels of quoting removed from lines
 * that carry them, the common indentation removed (Outlook 2019 indents quotes by four spaces), trailing blanks
 * trimmed from each line and blank lines trimmed at both ends.
 */
export function bodyFromLines(lines: ReadonlyArray<TextLine>, start: number, depth: number): string {
  const out = lines.slice(start).map((line) => stripQuote(line.raw, Math.min(depth, line.depth)).trimEnd());
  const indents = out
    .filter((line) => line.trim() !== '')
    .map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0);
  // A loop, not Math.min(...indents): spreading a million lines' indents overflows the call stack.
  const common = indents.length > 0 ? indents.reduce((a, b) => Math.min(a, b)) : 0;
  return out
    .map((line) => line.slice(Math.min(common, /^[ \t]*/.exec(line)?.[0].length ?? 0)))
    .join('\n')
    .replace(/^\s*\n/, '')
    .trim();
}

/** The text above a block (the forwarder's note), trimmed. */
export function noteFromLines(lines: ReadonlyArray<TextLine>, end: number): string {
  return lines
    .slice(0, end)
    .map((line) => line.raw.trimEnd())
    .join('\n')
    .trim();
}

/**
 * `raw` without its first `levels` quote marks (each with the blanks before it and one after), by an index scan:
 * removing one level at a time copies the line once per level, quadratic in a deeply quoted line (C7).
 */
function stripQuote(raw: string, levels: number): string {
  let at = 0;
  for (let i = 0; i < levels; i++) {
    let j = at;
    while (raw.charAt(j) === ' ' || raw.charAt(j) === '\t') {
      j++;
    }
    if (raw.charAt(j) !== '>') {
      break;
    }
    at = j + 1;
    if (raw.charAt(at) === ' ' || raw.charAt(at) === '\t') {
      at++;
    }
  }
  return raw.slice(at);
}
