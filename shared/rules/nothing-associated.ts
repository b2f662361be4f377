import type { Decision } from '../model/decision.js';

type Associations = Pick<
  Decision,
  'contacts' | 'skippedRecipients' | 'companies' | 'deals' | 'attachments' | 'notices'
>;

/**
 * What a result carries when nothing of it goes onto a record (a duplicate, a quarantined message): no contacts,
 * companies, deals or attachments, and no skipped recipients or notices that would give reasons for them.
 */
export function nothingAssociated(): Associations {
  return {
    contacts: [],
    skippedRecipients: [],
    companies: [],
    deals: [],
    attachments: { logged: [], dropped: [] },
    notices: [],
  };
}
