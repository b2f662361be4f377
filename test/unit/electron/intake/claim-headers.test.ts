import { describe, expect, it } from 'vitest';
import { readClaimHeaders } from '../../../../electron/intake/claim-headers.js';

describe('readClaimHeaders', () => {
  it('R1: reads each field in order, delivery fields with their place against the first Received, unfolded', () => {
    const block = [
      'Delivered-To: log+bcc.k3x9@corp.example',
      'X-Original-To: log@corp.example',
      'Received: from mx.corp.example by mail.corp.example',
      'Delivered-To: log@corp.example',
      'Authentication-Results: mx.corp.example; dmarc=pass header.from=corp.example',
      'From: "Smith, Ann" <Ann@Corp.Example>',
      'To: Bob <bob@acme.example>,',
      '\tPat Lee <pat.lee@acme.example>',
      'Cc: undisclosed-recipients:;',
      '',
      '',
    ].join('\r\n');
    expect(readClaimHeaders(Buffer.from(block))).toEqual({
      from: [{ name: '', address: 'Ann@Corp.Example' }],
      fromFieldCount: 1,
      to: [
        { name: 'Bob', address: 'bob@acme.example' },
        { name: 'Pat Lee', address: 'pat.lee@acme.example' },
      ],
      cc: [],
      headers: {
        delivery: [
          { field: 'delivered-to', address: 'log+bcc.k3x9@corp.example', aboveFirstReceived: true },
          { field: 'x-original-to', address: 'log@corp.example', aboveFirstReceived: true },
          { field: 'delivered-to', address: 'log@corp.example', aboveFirstReceived: false },
        ],
        authenticationResults: ['mx.corp.example; dmarc=pass header.from=corp.example'],
      },
    });
  });
});
