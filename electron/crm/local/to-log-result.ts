import type { Decision, EmailToLog } from '#shared/model/decision.js';
import type { ContactLink, EmailSummary, LogResult, SyncState } from '#shared/model/log-result.js';
import { nothingAssociated } from '#shared/rules/nothing-associated.js';

/** docs/rules.md#results prints the summary of the email, never its content or its sender's display name. */
function emailSummary(email: EmailToLog): EmailSummary {
  return {
    direction: email.direction,
    from: email.from,
    to: email.to,
    cc: email.cc,
    subject: email.subject,
    date: email.date,
    source: email.source,
    parts: email.parts,
  };
}

/**
 * The docs/rules.md#results object for a committed decision, keys in docs/rules.md's order (tools diff the JSON lines). `contacts` is
 * what the commit actually did, which may differ from the decision's plan: a contact another process created
 * in the meantime is linked, `created: false`. `duplicateOf` appears on duplicates only.
 */
export function toLogResult(
  decision: Decision,
  written: {
    readonly file?: string;
    readonly messageId: string | null;
    readonly contacts: ReadonlyArray<ContactLink>;
    readonly sync: SyncState;
  },
): LogResult {
  const logged = decision.status === 'logged';
  return {
    ...(written.file === undefined ? {} : { file: written.file }),
    messageId: written.messageId,
    route: decision.route,
    status: decision.status,
    reasons: [...decision.reasons],
    owner: decision.owner,
    ...(decision.status === 'duplicate' ? { duplicateOf: decision.duplicateOf ?? null } : {}),
    ...(decision.email === undefined ? {} : { email: emailSummary(decision.email) }),
    ...(decision.forward === undefined ? {} : { forward: decision.forward }),
    contacts: written.contacts,
    skippedRecipients: decision.skippedRecipients,
    // Only a logged email is associated with anything: a result reports what was written, not what was planned.
    companies: logged ? decision.companies : [],
    deals: logged ? decision.deals : [],
    attachments: logged ? decision.attachments : { logged: [], dropped: decision.attachments.dropped },
    notices: decision.notices.map((n) => ({ to: n.to, reason: n.reason, sent: false })),
    sync: written.sync,
  };
}

/**
 * R2 decided inside the commit: another writer logged an email with one of these identity keys after this
 * decision's facts were read. Same shape as `decide()`'s own duplicate: nothing associated, no reasons (the
 * skipped recipients and dropped attachments that carried them are emptied), no notices.
 */
export function asDuplicate(decision: Decision, duplicateOf: string | null): Decision {
  return {
    ...decision,
    status: 'duplicate',
    reasons: [],
    duplicateOf,
    ...nothingAssociated(),
  };
}
