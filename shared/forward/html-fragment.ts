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
      }
      continue;
    }
    const at = open.lastIndexOf(token.name);
    if (at < 0) {
      continue;
    }
    while (open.length > at) {
      out += `</${open.pop() ?? ''}>`;
    }
  }
  while (open.length > 0) {
    out += `</${open.pop() ?? ''}>`;
  }
  return out.trim();
}
