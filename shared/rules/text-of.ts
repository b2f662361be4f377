import { htmlToText } from '../forward/html-to-text.js';

/** F4: either part is enough; the text is derived from the HTML when a message has no text part. */
export function textOf(body: { readonly text: string | null; readonly html: string | null }): string | null {
  if (body.text !== null && body.text.trim() !== '') {
    return body.text;
  }
  return body.html === null ? body.text : htmlToText(body.html);
}
