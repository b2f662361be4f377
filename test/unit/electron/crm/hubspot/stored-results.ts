import type { StoredResult } from '../../../../../electron/crm/crm-backend.port.js';
import type { Pending } from '../../../../../electron/crm/hubspot/pending-results.js';
import type { LogResult } from '#shared/model/log-result.js';
import { buildContact, buildEmail } from '../helpers/build-decision.js';

/** A committed `logged` result as the journal gives it to the outbox, with what a test needs to vary. */
export function storedResult(
  id: number,
  overrides: { result?: Partial<LogResult>; pushedBefore?: boolean } = {},
): StoredResult {
  const email = buildEmail({ messageId: `<m${id}@corp.example>`, subject: `Subject ${id}` });
  return {
    id,
    result: {
      route: 'bcc',
      status: 'logged',
      reasons: [],
      owner: 'ann@corp.example',
      skippedRecipients: [],
      companies: [],
      deals: [],
      attachments: { logged: [], dropped: [] },
      messageId: email.messageId,
      contacts: [],
      notices: [],
      sync: 'pending',
      ...overrides.result,
    },
    logged: { email, ownerId: 1, contacts: [buildContact()] },
    ...(overrides.pushedBefore !== undefined ? { pushedBefore: overrides.pushedBefore } : {}),
  };
}

export function pendingOf(id: number, index = id): Pending {
  const stored = storedResult(id);
  return {
    index,
    key: `store:${id}`,
    identity: { messageId: stored.logged?.email.messageId ?? null, contentKey: `ck1:${id}` },
    stored,
  };
}
