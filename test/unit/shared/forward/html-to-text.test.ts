import { describe, expect, it } from 'vitest';
import { htmlFragmentFrom } from '#shared/forward/html-fragment.js';
import { convertHtmlToText, htmlToText } from '#shared/forward/html-to-text.js';

describe('htmlToText', () => {
  it('F4: breaks lines at blocks, decodes entities, skips style and comments, quotes blockquotes', () => {
    const html =
      '<html><head><style>p{color:red}</style></head><body><!-- x --><p>Caf&eacute; &amp; bar&nbsp;&#8211;&#x2014;</p>' +
      '<div>one<br>two</div><blockquote type="cite"><div>quoted</div><blockquote>deeper</blockquote></blockquote>' +
      '<table><tr><th>Subject:</th><td>Hi</td></tr></table><hr><pre>a  b\nc</pre></body></html>';
    expect(htmlToText(html)).toBe(
      'Café & bar –—\none\ntwo\n> quoted\n> > deeper\nSubject: Hi\n________________________________\na  b\nc',
    );
  });

  it('keeps an unescaped <address> as text rather than as an element', () => {
    expect(htmlToText('Jane <jane@x.example> wrote:')).toBe('Jane <jane@x.example> wrote:');
  });

  it('notes the client markers of the HTML', () => {
    const { markers } = convertHtmlToText(
      '<div class="gmail_quote"></div><div id="divRplyFwdMsg"></div><div class="moz-forward-container"></div>',
    );
    expect([...markers].sort()).toEqual(['gmail', 'outlook', 'thunderbird']);
  });

  it('runs in linear time on hostile input', () => {
    const hostile =
      '<div>'.repeat(20_000) + '<'.repeat(50_000) + '&amp'.repeat(20_000) + '<a b="'.repeat(5_000);
    const started = Date.now();
    htmlToText(hostile);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('htmlFragmentFrom', () => {
  it('drops closing tags opened before the cut and closes what is left open', () => {
    const html = '<html><body><div><p>note</p><div><p>body <b>bold</p></div></div></body></html>';
    expect(htmlFragmentFrom(html, html.indexOf('<div><p>body'))).toBe('<div><p>body <b>bold</b></p></div>');
  });
});
