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
  const out = lines
    .slice(start)
    .map((line) => stripQuote(line.raw, Math.min(depth, line.depth)).replace(/\s+$/, ''));
  const indents = out
    .filter((line) => line.trim() !== '')
    .map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
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
    .map((line) => line.raw.replace(/\s+$/, ''))
    .join('\n')
    .trim();
}

function stripQuote(raw: string, levels: number): string {
  let s = raw;
  for (let i = 0; i < levels; i++) {
    s = s.replace(/^[ \t]*>[ \t]?/, '');
  }
  return s;
}
