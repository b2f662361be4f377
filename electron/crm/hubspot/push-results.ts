import { err, ok } from '#shared/util/result.js';
import type { StoredResult } from '../crm-backend.port.js';
import { createAttachmentIds } from './attachment-ids.js';
import { createCompanyIds } from './company-ids.js';
import { createContactIds } from './contact-ids.js';
import { createEmailWriter, type EmailToCreate } from './create-emails.js';
import { createEmailInputs } from './email-inputs.js';
import type { KeyLookup } from './email-key-property.js';
import { createEmailFinder } from './find-logged-emails.js';
import { batchLimit, chunk, type HubSpotApi } from './hubspot-api.js';
import { classifyFailure, HubSpotFailure, toPushFailure } from './hubspot-failure.js';
import type { OwnerDirectory } from './owner-directory.js';
import { foundOutcome, lookupOf, pendingResults, type PushOutcome } from './pending-results.js';
import type { RemoteIds } from './remote-ids.js';
import { createdByThisPush, createRaceSettler } from './settle-creation-race.js';

export { attachmentFolder } from './attachment-ids.js';
export type { PushOutcome } from './pending-results.js';

export type PushDeps = {
  readonly api: HubSpotApi;
  readonly ids: RemoteIds;
  readonly owners: OwnerDirectory;
  readonly storeId: () => string;
  readonly blobPath: (sha256: string) => string;
  readonly now: () => Date;
  /** Creates the key properties once (docs/hubspot.md#key-property) and says how keys are looked up. */
  readonly ensureKeyProperty: () => Promise<KeyLookup>;
  readonly onWarning: (message: string) => void;
};

/** Outcomes by the results' places in the push. */
type Outcomes = Map<number, PushOutcome>;

/**
 * C3 for HubSpot: writes up to 100 committed results per round, with batch endpoints throughout (one request per
 * record cannot keep up with 190 requests / 10 s). Each round:
 *
 * 1. looks the results up (`find-logged-emails.ts`): by the store's own key when an earlier push may have written
 *    one (a crash, a timeout after HubSpot had done the work: it is answered synced, not written again), and by
 *    R2's identity keys, searched, so that an email another store wrote is answered as its duplicate
 *    (docs/hubspot.md#identity);
 * 2. resolves what the rest link to: companies (`company-ids.ts`), contacts, created when missing
 *    (`contact-ids.ts`), attachments, uploaded once (`attachment-ids.ts`);
 * 3. creates the emails (`create-emails.ts`); a create that times out is not repeated here: the outbox's next
 *    round looks it up first.
 *
 * A round that cannot reach HubSpot fails as a whole (`CRM.UNAVAILABLE` / `CRM.RATE_LIMITED`, retryable); a batch
 * create HubSpot rejects is retried input by input, so one bad result is `CRM.REJECTED` and the others go.
 */
export function createPusher(deps: PushDeps): (batch: ReadonlyArray<StoredResult>) => Promise<PushOutcome[]> {
  const { api, ids, now, onWarning } = deps;
  const findEmails = createEmailFinder(api, deps.ensureKeyProperty);
  const companyIds = createCompanyIds({ api, ids, now });
  const contactIds = createContactIds({ api, ids, now, onWarning });
  const attachmentIds = createAttachmentIds({ api, ids, blobPath: deps.blobPath, onWarning });
  const emailInputs = createEmailInputs({ attachmentIds, owners: deps.owners, now, onWarning });
  const writeEmails = createEmailWriter({ api, findEmails, now });
  const settleRace = createRaceSettler({ api, onWarning });

  /** Without unique key properties, HubSpot cannot refuse a racing create: it is settled after it (R2). */
  async function settleRaces(items: ReadonlyArray<EmailToCreate>, out: Outcomes): Promise<void> {
    if ((await deps.ensureKeyProperty()) === 'unique') {
      return;
    }
    (await settleRace(createdByThisPush(items, out))).forEach((outcome, index) => out.set(index, outcome));
  }

  async function pushChunk(batch: ReadonlyArray<StoredResult>, offset: number, out: Outcomes): Promise<void> {
    const { pending, nothingToWrite } = pendingResults(batch, offset, deps.storeId());
    nothingToWrite.forEach((index) => out.set(index, ok({ sync: 'synced' })));
    if (pending.length === 0) {
      return;
    }
    await deps.ensureKeyProperty(); // the emails below carry the key properties: they must exist first
    const existing = await findEmails(
      pending.map((p) => lookupOf(p, p.stored.pushedBefore !== false)),
      { consistent: false },
    );
    const todo = pending.filter((p) => {
      const hit = existing.get(p.key);
      if (hit !== undefined) {
        out.set(p.index, foundOutcome(hit));
      }
      return hit === undefined;
    });
    if (todo.length === 0) {
      return;
    }
    const contacts = todo.flatMap((p) => p.stored.logged?.contacts ?? []);
    const companies = await companyIds([
      ...todo.flatMap((p) => p.stored.result.companies),
      ...contacts.flatMap((c) => (c.company === null ? [] : [c.company])),
    ]);
    const { items, rejected } = await emailInputs(todo, await contactIds(contacts, companies), companies);
    rejected.forEach((outcome, index) => out.set(index, outcome));
    if (items.length > 0) {
      await writeEmails(items, out);
      await settleRaces(items, out);
    }
  }

  return async (batch) => {
    const out: Outcomes = new Map();
    let offset = 0;
    for (const part of chunk(batch, batchLimit)) {
      try {
        await pushChunk(part, offset, out);
      } catch (e) {
        const failure = toPushFailure(e instanceof HubSpotFailure ? e : classifyFailure(e, now()));
        part.forEach((_, i) => {
          if (!out.has(offset + i)) {
            out.set(offset + i, err(failure));
          }
        });
      }
      offset += part.length;
    }
    return batch.map(
      (_, i) => out.get(i) ?? err({ code: 'CRM.UNAVAILABLE', message: 'no outcome', retryable: true }),
    );
  };
}
