import { describe, expect, it } from 'vitest';
import { readClaimHeaders } from '../../../../electron/intake/claim-headers.js';

describe('readClaimHeaders', () => {
  it('reads bare normalised addresses of each field in order, unfolding continuation lines', () => {
    const block = [
      'Delivered-To: log+bcc.k3x9@corp.example',
      'Delivered-To: log@corp.example',
      'From: "Smith, Ann" <Ann@Corp.Example>',
      'To: Bob <bob@acme.example>,',
      '\tPat Lee <pat.lee@acme.example>',
      'Cc: undisclosed-recipients:;',
      '',
      '',
    ].join('\r\n');
    expect(readClaimHeaders(Buffer.from(block))).toEqual({
      deliveredTo: ['log+bcc.k3x9@corp.example', 'log@corp.example'],
      xOriginalTo: [],
      from: ['ann@corp.example'],
      to: ['bob@acme.example', 'pat.lee@acme.example'],
      cc: [],
    });
  });
});
