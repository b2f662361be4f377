import { describe, expect, it } from 'vitest';
import { buildParsedMessage, type ParsedParts } from '../../../../electron/core/build-parsed-message.js';
import { resolveParseLimits } from '../../../../electron/core/limits.js';
import type { ParseDefect } from '../../../../electron/core/parse-failure.js';
import type { MailAddress } from '#shared/model/parsed-message.js';

/** A stand-in for the MIME parser's address reading: bare addresses, comma-separated. */
const readAddresses = (values: ReadonlyArray<string>): MailAddress[] =>
  values.flatMap((v) => v.split(',')).map((address) => ({ name: '', address: address.trim() }));

function parts(lines: Array<[string, string]>, extra: Partial<ParsedParts> = {}): ParsedParts {
  return {
    lines: lines.map(([key, value]) => ({ key, line: `${key}: ${value}` })),
    subject: 'Renewal\r\nterms',
    text: 'Hello',
    html: null,
    attachments: [],
    attachedMessages: [],
    ...extra,
  };
}

describe('buildParsedMessage', () => {
  it('reads the header lines into a ParsedMessage, the subject on one line', () => {
    const defects: ParseDefect[] = [];
    const message = buildParsedMessage(
      parts([
        ['from', 'ann@corp.example'],
        ['to', 'bob@acme.example'],
        ['message-id', '<m1@corp.example>'],
      ]),
      readAddresses,
      resolveParseLimits(),
      defects,
    );
    expect(message).toMatchObject({
      messageId: '<m1@corp.example>',
      from: [{ address: 'ann@corp.example' }],
      to: [{ address: 'bob@acme.example' }],
      subject: 'Renewal terms',
      text: 'Hello',
    });
    expect(defects).toEqual([]);
  });

  it('R3: keeps the first maxRecipients addresses; B1: drops a From it cannot verify; F4: no empty text beside HTML', () => {
    const defects: ParseDefect[] = [];
    const message = buildParsedMessage(
      parts(
        [
          ['from', 'ann@corp.example(x)evil.example'],
          ['to', 'a@x.example, b@x.example, c@x.example'],
        ],
        { text: '', html: '<p>Hi</p>' },
      ),
      readAddresses,
      resolveParseLimits({ maxRecipients: 2 }),
      defects,
    );
    expect(message.to.map((a) => a.address)).toEqual(['a@x.example', 'b@x.example']);
    expect(message.from).toEqual([]);
    expect(message.text).toBeNull();
    expect(defects.map((d) => d.kind)).toEqual(['from-unverifiable', 'recipients-truncated']);
  });
});
