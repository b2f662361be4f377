import type { ContactToLink, Decision, EmailToLog } from '#shared/model/decision.js';

/** The email of a BCC log from Ann to Bob (B3), as `decide()` would hand it over. */
export function buildEmail(overrides: Partial<EmailToLog> = {}): EmailToLog {
  return {
    direction: 'outgoing',
    from: 'ann@corp.example',
    fromName: 'Ann Smith',
    to: ['bob@acme.example'],
    cc: [],
    subject: 'Renewal terms',
    date: '2026-03-02T09:15:00.000Z',
    source: 'message',
    parts: ['text', 'html'],
    text: 'Hello Bob',
    html: '<p>Hello Bob</p>',
    messageId: '<m1@corp.example>',
    ...overrides,
  };
}

export function buildContact(overrides: Partial<ContactToLink> = {}): ContactToLink {
  return {
    email: 'bob@acme.example',
    created: false,
    role: 'to',
    name: 'Bob',
    company: 'acme.example',
    ...overrides,
  };
}

/** A `logged` decision with sensible defaults; tests override what they are about. */
export function buildDecision(overrides: Partial<Decision> = {}): Decision {
  return {
    route: 'bcc',
    status: 'logged',
    reasons: [],
    owner: 'ann@corp.example',
    ownerId: 1,
    email: buildEmail(),
    contacts: [buildContact()],
    skippedRecipients: [],
    companies: ['acme.example'],
    deals: ['D1'],
    attachments: { logged: [], dropped: [] },
    notices: [],
    identity: { messageId: '<m1@corp.example>', contentKey: 'ck1:content-m1' },
    ...overrides,
  };
}

/** What `decide()` returns for a rejected message: nothing associated, no identity keys. */
export function buildRejected(overrides: Partial<Decision> = {}): Decision {
  return buildDecision({
    status: 'rejected',
    reasons: ['sender-not-user'],
    owner: null,
    ownerId: null,
    contacts: [],
    companies: [],
    deals: [],
    identity: { messageId: null, contentKey: null },
    ...overrides,
  });
}
