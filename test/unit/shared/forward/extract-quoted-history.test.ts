import { describe, expect, it } from 'vitest';
import { extractQuotedHistory } from '#shared/forward/extract-quoted-history.js';

const own = new Set(['ann@corp.example', 'a.lee@corp.example']);
const isOwnAddress = (address: string): boolean => own.has(address);

describe('extractQuotedHistory (F8)', () => {
  it('F8: returns the newest quoted message from someone else in a reply with the forwarding address in Cc', () => {
    const text = [
      'Hi Bob, Tuesday works.',
      '',
      'On Mon, Mar 2, 2026 at 5:30 PM Bob Smith <Bob@Acme.example> wrote:',
      '> Can we meet on Tuesday?',
      '>',
      '> Bob',
    ].join('\n');
    expect(
      extractQuotedHistory({ text, html: null, subject: 'Re: Meeting', dateOffsetMinutes: 60 }, isOwnAddress),
    ).toEqual({
      from: { name: 'Bob Smith', address: 'bob@acme.example' },
      date: '2026-03-02T16:30:00.000Z',
      dateText: 'Mon, Mar 2, 2026 at 5:30 PM',
      subject: 'Meeting',
      to: [],
      cc: [],
      text: 'Can we meet on Tuesday?\n\nBob',
      html: null,
      client: 'quoted-reply',
      confidence: 0.7,
    });
  });

  it("F8: skips the forwarder's own quoted message and takes the next one (forward of an own reply)", () => {
    const text = [
      '---------- Forwarded message ---------',
      'From: Ann Lee <ann@corp.example>',
      'Date: Tue, Mar 3, 2026 at 9:00 AM',
      'Subject: Re: Offer',
      'To: Bob Smith <bob@acme.example>',
      '',
      'Thanks Bob, we accept.',
      '',
      'Am Mo., 2. März 2026 um 17:30 Uhr schrieb Bob Smith <bob@acme.example>:',
      '> Here is our offer.',
    ].join('\n');
    const message = extractQuotedHistory(
      { text, html: null, subject: 'Fwd: Re: Offer', dateOffsetMinutes: 60 },
      isOwnAddress,
    );
    expect(message).toMatchObject({
      from: { name: 'Bob Smith', address: 'bob@acme.example' },
      date: '2026-03-02T16:30:00.000Z',
      text: 'Here is our offer.',
    });
  });

  it('F8: reads an Outlook header block of a quoted message', () => {
    const text = [
      'Agreed.',
      '',
      'From: Bob Smith <bob@acme.example>',
      'Sent: Monday, March 2, 2026 17:30',
      'To: Ann Lee <ann@corp.example>',
      'Cc: Carl <carl@acme.example>',
      'Subject: Offer',
      '',
      'Here is our offer.',
    ].join('\n');
    expect(
      extractQuotedHistory({ text, html: null, subject: 'RE: Offer', dateOffsetMinutes: 60 }, isOwnAddress),
    ).toEqual({
      from: { name: 'Bob Smith', address: 'bob@acme.example' },
      date: '2026-03-02T16:30:00.000Z',
      dateText: 'Monday, March 2, 2026 17:30',
      subject: 'Offer',
      to: [{ name: 'Ann Lee', address: 'ann@corp.example' }],
      cc: [{ name: 'Carl', address: 'carl@acme.example' }],
      text: 'Here is our offer.',
      html: null,
      client: 'outlook-win', // "Sent:" is how Outlook for Windows labels the date
      confidence: 0.8,
    });
  });

  it('F8: reads quoted history from an HTML-only reply', () => {
    const html =
      '<div>Yes.</div><div class="gmail_quote">On Mon, Mar 2, 2026 at 5:30 PM Bob &lt;bob@acme.example&gt; wrote:' +
      '<blockquote class="gmail_quote">Meet Tuesday?</blockquote></div>';
    expect(
      extractQuotedHistory({ text: null, html, subject: null, dateOffsetMinutes: 0 }, isOwnAddress),
    ).toMatchObject({
      from: { name: 'Bob', address: 'bob@acme.example' },
      date: '2026-03-02T17:30:00.000Z',
      text: 'Meet Tuesday?',
    });
  });

  it('F8: null (forward-of-own-message) when every quoted sender is the user or lacks an address', () => {
    const text = [
      'Reminder.',
      '',
      'On 03/03/2026 09:00, Ann Lee <a.lee@corp.example> wrote:',
      '> Offer sent.',
      '',
      'On 02/03/2026 09:00, Bob Smith wrote:',
      '> Hello',
    ].join('\n');
    expect(
      extractQuotedHistory({ text, html: null, subject: null, dateOffsetMinutes: 0 }, isOwnAddress),
    ).toBeNull();
    expect(
      extractQuotedHistory(
        { text: 'No history.', html: null, subject: null, dateOffsetMinutes: 0 },
        isOwnAddress,
      ),
    ).toBeNull();
  });

  it('F8: reads attributions in other languages (French, Japanese-style numeric date)', () => {
    const french = 'Merci.\n\nLe 2 mars 2026 à 17:30, Bob Smith <bob@acme.example> a écrit :\n> Bonjour\n';
    expect(
      extractQuotedHistory({ text: french, html: null, subject: null, dateOffsetMinutes: 60 }, isOwnAddress),
    ).toMatchObject({
      from: { name: 'Bob Smith', address: 'bob@acme.example' },
      dateText: '2 mars 2026 à 17:30',
      date: '2026-03-02T16:30:00.000Z',
    });
    const japanese = '了解です。\n\n2026年3月2日(月) 17:30 山田 太郎 <taro@acme.example>:\n> こんにちは\n';
    expect(
      extractQuotedHistory(
        { text: japanese, html: null, subject: null, dateOffsetMinutes: 540 },
        isOwnAddress,
      ),
    ).toMatchObject({
      from: { name: '山田 太郎', address: 'taro@acme.example' },
      date: '2026-03-02T08:30:00.000Z',
    });
  });
});
