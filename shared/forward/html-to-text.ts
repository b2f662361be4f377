import { readAttribute, tokenizeHtml, type HtmlToken } from './html-tokens.js';

/** Text derived from HTML, with where each text line starts in the HTML (to cut the original body's HTML). */
export type HtmlText = {
  readonly text: string;
  /** For each line of `text`, the source offset of the block element (or text) that starts it. */
  readonly lineOffsets: ReadonlyArray<number>;
  /** Client markers found in the HTML (`gmail_quote`, `divRplyFwdMsg`, `moz-forward-container` …). */
  readonly markers: ReadonlySet<HtmlMarker>;
};

export type HtmlMarker = 'gmail' | 'outlook' | 'outlook-mac' | 'thunderbird' | 'apple' | 'yahoo';

const blockElements = new Set([
  'p',
  'div',
  'tr',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'section',
  'article',
  'header',
  'footer',
  'address',
  'center',
  'form',
  'fieldset',
  'pre',
  'blockquote',
  'body',
  'html',
  'caption',
  'figure',
  'main',
  'nav',
  'aside',
]);

/**
 * Converts an HTML body to plain text (F4: text is derived from HTML when a forward has no text part).
 * Block elements and `<br>` break lines, table cells are joined with a space, `<hr>` becomes a rule line,
 * `<blockquote>` levels become "> " prefixes (so Apple Mail's `type=cite` quotes read like text quotes), runs of
 * white space collapse as a browser would. One pass over the tokens: linear in the input.
 */
export function convertHtmlToText(html: string): HtmlText {
  const lines: string[] = [];
  const lineOffsets: number[] = [];
  const markers = new Set<HtmlMarker>();
  let current = '';
  let currentDepth = 0;
  let currentOffset = 0;
  let blockOffset = 0;
  let depth = 0;
  let pre = 0;
  const endLine = (force: boolean): void => {
    if (current.trim() === '' && !force) {
      current = '';
      return;
    }
    lines.push('> '.repeat(currentDepth) + trimTrailingBlanks(current).replace(/^ /, ''));
    lineOffsets.push(current.trim() === '' ? blockOffset : currentOffset);
    current = '';
  };
  const onToken = (token: HtmlToken): void => {
    if (token.kind === 'text') {
      const spaced = token.text.replace(/\u00a0/g, ' ');
      const text = pre > 0 ? spaced : spaced.replace(/[ \t\r\n\f]+/g, ' ');
      const parts = pre > 0 ? text.split(/\r?\n/) : [text];
      parts.forEach((part, i) => {
        if (i > 0) {
          endLine(true);
        }
        if (current === '' && part.trim() !== '') {
          currentDepth = depth;
          currentOffset = blockOffset;
        }
        if (!(current === '' && part.trim() === '')) {
          current += part;
        }
      });
      return;
    }
    noteMarkers(token, markers);
    const { name } = token;
    if (name === 'br') {
      endLine(true);
      blockOffset = token.end;
      return;
    }
    if (name === 'hr') {
      endLine(false);
      currentDepth = depth;
      current = '________________________________';
      currentOffset = token.start;
      endLine(false);
      blockOffset = token.end;
      return;
    }
    if ((name === 'td' || name === 'th') && token.kind === 'open') {
      current += current === '' ? '' : ' ';
      return;
    }
    if (!blockElements.has(name)) {
      return;
    }
    endLine(false);
    if (token.kind === 'open') {
      blockOffset = token.start;
    }
    if (name === 'blockquote') {
      depth = Math.max(0, depth + (token.kind === 'open' ? 1 : -1));
    }
    if (name === 'pre') {
      pre = Math.max(0, pre + (token.kind === 'open' ? 1 : -1));
    }
  };
  for (const token of tokenizeHtml(html)) {
    onToken(token);
  }
  endLine(false);
  return { text: lines.join('\n'), lineOffsets, markers };
}

/** The text of an HTML body (F4), as `convertHtmlToText` derives it. */
export function htmlToText(html: string): string {
  return convertHtmlToText(html).text;
}

function noteMarkers(token: HtmlToken, markers: Set<HtmlMarker>): void {
  if (token.kind !== 'open') {
    return;
  }
  const attributes = token.attributes;
  const className = readAttribute(attributes, 'class') ?? '';
  const id = readAttribute(attributes, 'id') ?? '';
  if (/\bgmail_quote\b/.test(className)) {
    markers.add('gmail');
  }
  if (/divRplyFwdMsg|appendonsend/i.test(id)) {
    markers.add('outlook');
  }
  if (id === 'OLK_SRC_BODY_SECTION') {
    markers.add('outlook-mac');
  }
  if (/moz-forward-container|moz-email-headers-table/.test(className)) {
    markers.add('thunderbird');
  }
  if (/yahoo_quoted/.test(className) || /yahoo_quoted/.test(id)) {
    markers.add('yahoo');
  }
  if (token.name === 'blockquote' && /cite/i.test(readAttribute(attributes, 'type') ?? '')) {
    markers.add('apple');
  }
}

/** `line` without trailing spaces and tabs, by an index scan: `/[ \t]+$/` is quadratic on a long inner run (C7). */
function trimTrailingBlanks(line: string): string {
  let end = line.length;
  while (end > 0 && (line.charAt(end - 1) === ' ' || line.charAt(end - 1) === '\t')) {
    end--;
  }
  return line.slice(0, end);
}
