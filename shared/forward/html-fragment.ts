import { tokenizeHtml } from './html-tokens.js';

const voidElements = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/**
 * The HTML from `offset` to the end, made well-formed: closing tags whose opening tag lies before the cut are
 * dropped, and elements left open are closed at the end, so the original body of a forward can be stored and
 * shown on its own. `<html>`/`<body>` wrappers are dropped.
 */
export function htmlFragmentFrom(html: string, offset: number): string {
  const slice = html.slice(offset);
  const open: string[] = [];
  // How many of each element are open: a closing tag with none open is dropped without searching the stack,
  // which kept `<i>` × n then `</b>` × n quadratic (C7).
  const openCount = new Map<string, number>();
  const pop = (): string => {
    const name = open.pop() ?? '';
    openCount.set(name, (openCount.get(name) ?? 1) - 1);
    return `</${name}>`;
  };
  let out = '';
  for (const token of tokenizeHtml(slice)) {
    const raw = slice.slice(token.start, token.end);
    if (token.kind === 'text') {
      out += raw;
      continue;
    }
    if (token.name === 'html' || token.name === 'body' || token.name === 'head') {
      continue;
    }
    if (token.kind === 'open') {
      out += raw;
      if (!token.selfClosing && !voidElements.has(token.name)) {
        open.push(token.name);
        openCount.set(token.name, (openCount.get(token.name) ?? 0) + 1);
      }
      continue;
    }
    if ((openCount.get(token.name) ?? 0) === 0) {
      continue;
    }
    const at = open.lastIndexOf(token.name);
    while (open.length > at) {
      out += pop();
    }
  }
  while (open.length > 0) {
    out += pop();
  }
  return out.trim();
}
