import { describe, expect, it } from 'vitest';
import { extractForwardedBlock } from '#shared/forward/extract-forwarded-block.js';

function htmlForward(html: string, text: string | null = null, subject: string | null = null) {
  return extractForwardedBlock({ text, html, subject, dateOffsetMinutes: 60 });
}

describe('extractForwardedBlock: Gmail HTML (gmail_quote)', () => {
  const html =
    '<div dir="ltr">For the CRM &amp; the team<br><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">' +
    '---------- Forwarded message ---------<br>From: <strong class="gmail_sendername">Bob Smith</strong> ' +
    '<span>&lt;<a href="mailto:bob@acme.example">bob@acme.example</a>&gt;</span><br>Date: Tue, Mar 3, 2026 at 4:05 PM<br>' +
    'Subject: Renewal offer<br>To: Ann &lt;<a href="mailto:ann@corp.example">ann@corp.example</a>&gt;<br></div><br><br>' +
    '<div dir="ltr">Hello&nbsp;Ann,<div>Our offer is attached.</div></div></div></div>';

  it('F4: derives the text from an HTML-only forward and cuts the original body HTML', () => {
    expect(htmlForward(html)).toEqual({
      client: 'gmail',
      confidence: 0.97,
      from: { name: 'Bob Smith', address: 'bob@acme.example' },
      dateText: 'Tue, Mar 3, 2026 at 4:05 PM',
      date: '2026-03-03T15:05:00.000Z',
      subject: 'Renewal offer',
      to: [{ name: 'Ann', address: 'ann@corp.example' }],
      cc: [],
      text: 'Hello Ann,\nOur offer is attached.',
      html: '<div dir="ltr">Hello&nbsp;Ann,<div>Our offer is attached.</div></div>',
      note: 'For the CRM & the team',
    });
  });

  it('F4: reads fields from the text part and the body HTML from the HTML part when both exist', () => {
    const text = [
      'For the CRM & the team',
      '',
      '---------- Forwarded message ---------',
      'From: Bob Smith <bob@acme.example>',
      'Date: Tue, Mar 3, 2026 at 4:05 PM',
      'Subject: Renewal offer',
      'To: Ann <ann@corp.example>',
      '',
      'Hello Ann,',
      'Our offer is attached.',
    ].join('\n');
    const block = htmlForward(html, text);
    expect(block?.text).toBe('Hello Ann,\nOur offer is attached.');
    expect(block?.html).toBe('<div dir="ltr">Hello&nbsp;Ann,<div>Our offer is attached.</div></div>');
  });
});

describe('extractForwardedBlock: Outlook HTML (divRplyFwdMsg)', () => {
  it('F4: reads the header paragraph under the reply/forward marker', () => {
    const html =
      '<html><body><div>Please log.</div><hr style="display:inline-block;width:98%">' +
      '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri"><b>From:</b> Bob Smith &lt;bob@acme.example&gt;<br>' +
      '<b>Sent:</b> Tuesday, March 3, 2026 4:05 PM<br><b>To:</b> Ann Lee &lt;ann@corp.example&gt;<br>' +
      '<b>Subject:</b> Renewal offer</font><div>&nbsp;</div></div><div><p>Hello Ann,</p><p>Bob</p></div></body></html>';
    expect(htmlForward(html, null, 'FW: Renewal offer')).toMatchObject({
      client: 'outlook-web',
      from: { name: 'Bob Smith', address: 'bob@acme.example' },
      date: '2026-03-03T15:05:00.000Z',
      subject: 'Renewal offer',
      text: 'Hello Ann,\nBob',
      html: '<p>Hello Ann,</p><p>Bob</p>',
      note: 'Please log.',
    });
  });
});

describe('extractForwardedBlock: Apple Mail HTML (blockquote type=cite)', () => {
  it('F4: reads the forwarded header inside the cite blockquote', () => {
    const html =
      '<html><body dir="auto">See below<br><div><br><blockquote type="cite"><div>Begin forwarded message:</div><br>' +
      '<div><span><b>From: </b></span><span>Bob Smith &lt;bob@acme.example&gt;</span></div>' +
      '<div><span><b>Subject: </b></span><span><b>Renewal offer</b></span></div>' +
      '<div><span><b>Date: </b></span><span>3 March 2026 at 16:05:09 CET</span></div>' +
      '<div><span><b>To: </b></span><span>ann@corp.example</span></div><br><div><div>Hello Ann,</div></div>' +
      '</blockquote></div></body></html>';
    expect(htmlForward(html)).toMatchObject({
      client: 'apple-mail',
      from: { name: 'Bob Smith', address: 'bob@acme.example' },
      subject: 'Renewal offer',
      date: '2026-03-03T15:05:09.000Z',
      text: 'Hello Ann,',
      note: 'See below',
    });
  });
});

describe('extractForwardedBlock: Thunderbird HTML (moz-forward-container)', () => {
  it('F4: reads the header table of a Thunderbird forward', () => {
    const html =
      '<body><p><br></p><div class="moz-forward-container">-------- Forwarded Message --------' +
      '<table class="moz-email-headers-table"><tbody><tr><th>Subject: </th><td>Renewal offer</td></tr>' +
      '<tr><th>Date: </th><td>Tue, 3 Mar 2026 16:05:09 +0100</td></tr>' +
      '<tr><th>From: </th><td>Bob Smith <a href="mailto:bob@acme.example">&lt;bob@acme.example&gt;</a></td></tr>' +
      '<tr><th>To: </th><td>ann@corp.example</td></tr></tbody></table><br><p>Hello Ann,</p></div></body>';
    expect(htmlForward(html)).toMatchObject({
      client: 'thunderbird',
      from: { name: 'Bob Smith', address: 'bob@acme.example' },
      subject: 'Renewal offer',
      date: '2026-03-03T15:05:09.000Z',
      text: 'Hello Ann,',
      html: '<p>Hello Ann,</p>',
      note: '',
    });
  });
});

describe('extractForwardedBlock: HTML replies are not forwards', () => {
  it('a Gmail HTML reply (gmail_quote with "On … wrote:") gives null', () => {
    const html =
      '<div dir="ltr">Sounds good.</div><br><div class="gmail_quote"><div class="gmail_attr">On Tue, Mar 3, 2026 ' +
      'at 9:00 AM Bob Smith &lt;<a href="mailto:bob@acme.example">bob@acme.example</a>&gt; wrote:<br></div>' +
      '<blockquote class="gmail_quote">Can we meet?</blockquote></div>';
    expect(htmlForward(html)).toBeNull();
  });

  it('an Outlook for Mac reply section (OLK_SRC_BODY_SECTION) gives null', () => {
    const html =
      '<div>Works for me</div><span id="OLK_SRC_BODY_SECTION"><div><span>From: </span>Bob &lt;bob@acme.example&gt;' +
      '<br><span>Date: </span>Tue, 03 Mar 2026 09:00:00 +0100<br><span>To: </span>Ann &lt;ann@corp.example&gt;<br>' +
      '<span>Subject: </span>Meeting<br></div><div>Can we meet?</div></span>';
    expect(htmlForward(html)).toBeNull();
  });
});
