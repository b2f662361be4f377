import type { ResultEntry } from '#shared/api/companion-schemas.js';

/** A logged outgoing result; tests override what they look at. */
export function resultEntry(overrides: Partial<ResultEntry> = {}): ResultEntry {
  return {
    id: 1,
    at: '2026-03-02T10:15:00.000Z',
    messageId: '<m1@corp.example>',
    route: 'bcc',
    status: 'logged',
    reasons: [],
    owner: 'ann@corp.example',
    email: {
      direction: 'outgoing',
      from: 'ann@corp.example',
      to: ['bob@acme.example'],
      cc: ['carol@acme.example'],
      subject: 'Renewal quote',
      date: '2026-03-02T10:14:00.000Z',
      source: 'message',
      parts: ['text'],
    },
    contacts: [{ email: 'bob@acme.example', created: false, role: 'to' }],
    skippedRecipients: [],
    companies: ['acme.example'],
    deals: [],
    attachments: { logged: [], dropped: [] },
    notices: [],
    sync: 'synced',
    ...overrides,
  };
}
