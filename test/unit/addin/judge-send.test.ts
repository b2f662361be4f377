import { describe, expect, it } from 'vitest';
import { judgeSend, type SendPreview } from '../../../addin/core/judge-send.js';

const logged: SendPreview = {
  kind: 'preview',
  value: {
    status: 'logged',
    reasons: [],
    owner: 'ann@corp.example',
    contacts: [],
    skippedRecipients: [],
    companies: [],
    deals: [],
  },
};
const skipped: SendPreview = {
  kind: 'preview',
  value: {
    status: 'skipped',
    reasons: ['no-loggable-recipients', 'internal-recipient'],
    owner: 'ann@corp.example',
    contacts: [],
    skippedRecipients: [{ email: 'tom@corp.example', reason: 'internal-recipient' }],
    companies: [],
    deals: [],
  },
};

describe('judgeSend', () => {
  it.each([
    ['on, address on Bcc, preview logs', 'on', false, true, logged, { allow: true, note: null }],
    ['on, address missing', 'on', false, false, null, { allow: false, why: 'on-but-missing' }],
    ['off, address present', 'off', false, true, logged, { allow: false, why: 'off-but-present' }],
    ['off, address absent', 'off', true, false, null, { allow: true, note: null }],
    [
      'never touched, default on, address missing (compose event lost)',
      null,
      true,
      false,
      null,
      { allow: false, why: 'on-but-missing' },
    ],
    ['never touched, default off, address absent', null, false, false, null, { allow: true, note: null }],
    [
      'on, present, nothing would be logged',
      'on',
      false,
      true,
      skipped,
      { allow: false, why: 'nothing-logged', reason: 'no-loggable-recipients' },
    ],
    [
      'on, present, companion unreachable',
      'on',
      false,
      true,
      { kind: 'unavailable' },
      { allow: true, note: 'unchecked' },
    ],
  ] as const)('A2: %s', (_name, wanted, defaultOn, bccPresent, preview, verdict) => {
    expect(judgeSend({ wanted, defaultOn, bccPresent, preview })).toEqual(verdict);
  });
});
