import { decodeHtmlEntities } from './html-entities.js';

/** One token of an HTML document, with its position in the source. */
export type HtmlToken =
  | { readonly kind: 'text'; readonly text: string; readonly start: number; readonly end: number }
  | {
      readonly kind: 'open' | 'close';
      readonly name: string;
      readonly attributes: string;
      readonly selfClosing: boolean;
      readonly start: number;
      readonly end: number;
    };

/** Elements whose content is never text of the message. */
const rawTextElements = new Set(['script', 'style', 'head', 'title', 'xml', 'template', 'noscript']);

/**
 * A small, linear-time HTML tokenizer (shared/ has no DOM): text runs with entities decoded, opening and closing
 * tags with their raw attribute text. Comments, doctypes and processing instructions are dropped, and the content
 * of script/style/head is skipped. Malformed input never throws: a `<` that starts no tag is text.
 */
export function tokenizeHtml(html: string): HtmlToken[] {
  const lower = html.toLowerCase();
  const tokens: HtmlToken[] = [];
  let i = 0;
  let textStart = 0;
  const flushText = (end: number): void => {
    if (end > textStart) {
      tokens.push({
        kind: 'text',
        text: decodeHtmlEntities(html.slice(textStart, end)),
        start: textStart,
        end,
      });
    }
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      break;
    }
    const next = html.charAt(lt + 1);
    if (html.startsWith('<!--', lt)) {
      flushText(lt);
      const close = html.indexOf('-->', lt + 4);
      i = textStart = close < 0 ? html.length : close + 3;
      continue;
    }
    if (next === '!' || next === '?') {
      flushText(lt);
      const close = html.indexOf('>', lt);
      i = textStart = close < 0 ? html.length : close + 1;
      continue;
    }
    const isClose = next === '/';
    const nameMatch = /^[a-zA-Z][a-zA-Z0-9:-]*/.exec(html.slice(lt + (isClose ? 2 : 1), lt + 40));
    if (nameMatch === null) {
      i = lt + 1;
      continue;
    }
    const end = findTagEnd(html, lt + 1);
    if (!isClose && isBracketedAddress(html, lt + 1, end)) {
      // An unescaped `<jane@x.example>` (iOS Mail, Yahoo) is an address, not an element.
      i = end + 1;
      continue;
    }
    flushText(lt);
    const name = nameMatch[0].toLowerCase();
    const inner = html.slice(lt + (isClose ? 2 : 1) + name.length, end);
    const selfClosing = inner.trimEnd().endsWith('/');
    tokens.push({
      kind: isClose ? 'close' : 'open',
      name,
      attributes: inner,
      selfClosing,
      start: lt,
      end: end + 1,
    });
    i = textStart = end + 1;
    if (!isClose && rawTextElements.has(name) && !selfClosing) {
      const closeAt = lower.indexOf(`</${name}`, i);
      const closeEnd = closeAt < 0 ? html.length : findTagEnd(html, closeAt + 1) + 1;
      tokens.push({ kind: 'close', name, attributes: '', selfClosing: false, start: closeAt, end: closeEnd });
      i = textStart = closeEnd;
    }
  }
  flushText(html.length);
  return tokens;
}

/**
 * Whether `html[from, end)` is an address written inside `<…>` (`jane@x.example`): no blank, bracket, quote or `=`,
 * and an `@` with something before it (no `/` there) and after it. An index scan: the regex it replaces,
 * `^[^\s<>="'/]+@[^\s<>="']+$`, tried every `@` of `<a@a@a@…` against the rest of the tag (C7).
 */
function isBracketedAddress(html: string, from: number, end: number): boolean {
  let at = -1;
  for (let j = from; j < end; j++) {
    const c = html.charAt(j);
    if ('<>="\''.includes(c) || c.trim() === '') {
      return false;
    }
    if (at < 0 && c === '/') {
      return false;
    }
    if (at < 0 && c === '@' && j > from) {
      at = j;
    }
  }
  return at > 0 && at < end - 1;
}

/** The index of the `>` that ends the tag opened before `from`, skipping quoted attribute values. */
function findTagEnd(html: string, from: number): number {
  let quote: string | null = null;
  for (let j = from; j < html.length; j++) {
    const c = html.charAt(j);
    if (quote !== null) {
      if (c === quote) {
        quote = null;
      }
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return j;
    }
  }
  return html.length - 1;
}

/** The value of one attribute in a tag's raw attribute text (`class="gmail_quote"` → `gmail_quote`), or null. */
export function readAttribute(attributes: string, name: string): string | null {
  const match = new RegExp(String.raw`(?:^|\s)${name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))`, 'i').exec(
    attributes,
  );
  if (match === null) {
    return null;
  }
  return decodeHtmlEntities(match[1] ?? match[2] ?? match[3] ?? '');
}
