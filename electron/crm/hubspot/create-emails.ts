import { err, type Result } from '#shared/util/result.js';
import type { PushFailure } from '../crm-backend.port.js';
import { emailKeyProperty } from './email-key.js';
import type { EmailFinder } from './find-logged-emails.js';
import type { CreateInput, HubSpotApi, RemoteObject } from './hubspot-api.js';
import { classifyFailure, toPushFailure, type HubSpotFailure } from './hubspot-failure.js';
import { foundOutcome, lookupOf, type Pending, type PushOutcome } from './pending-results.js';

/** An email to create: the result it is for, and its `batch/create` input. */
export type EmailToCreate = { readonly pending: Pending; readonly input: CreateInput };

export type EmailWriterDeps = {
  readonly api: Pick<HubSpotApi, 'createObjects'>;
  readonly findEmails: EmailFinder;
  readonly now: () => Date;
};

/** Outcomes by the results' places in the push. */
export type Outcomes = Map<number, PushOutcome>;

function notConfirmed(p: Pending): Result<never, PushFailure> {
  return err({ code: 'CRM.UNAVAILABLE', message: `HubSpot did not confirm email ${p.key}`, retryable: true });
}

/**
 * The created emails matched to their results by key. One HubSpot did not answer for is read back (it may
 * exist); one still not found is retried later (`CRM.UNAVAILABLE`), never created again here.
 */
async function confirm(
  deps: EmailWriterDeps,
  items: ReadonlyArray<EmailToCreate>,
  created: ReadonlyArray<RemoteObject>,
  out: Outcomes,
): Promise<void> {
  const byKey = new Map(created.map((c) => [c.properties[emailKeyProperty] ?? '', c.id]));
  const unmatched: Pending[] = [];
  for (const { pending } of items) {
    const id = byKey.get(pending.key);
    if (id === undefined) {
      unmatched.push(pending);
    } else {
      out.set(pending.index, { ok: true, value: { sync: 'synced', remoteId: id } });
    }
  }
  if (unmatched.length > 0) {
    const found = await deps.findEmails(
      unmatched.map((p) => lookupOf(p, true)),
      { consistent: true },
    );
    for (const p of unmatched) {
      const hit = found.get(p.key);
      out.set(p.index, hit === undefined ? notConfirmed(p) : foundOutcome(hit));
    }
  }
}

/**
 * After HubSpot rejected a batch create: a unique key may exist already (another companion of this store, or of
 * another store with the same email, won a race: R2, docs/hubspot.md#identity), or one input is invalid. The
 * keys are read back consistently; what is held is answered from there, and the rest is created again: as one
 * batch when some keys were held (the batch failed on them), else one by one, so only the bad input is rejected.
 */
async function afterRejection(
  deps: EmailWriterDeps,
  items: ReadonlyArray<EmailToCreate>,
  failure: HubSpotFailure,
  out: Outcomes,
): Promise<void> {
  const found = await deps.findEmails(
    items.map((i) => lookupOf(i.pending, true)),
    { consistent: true },
  );
  const rest = items.filter((i) => {
    const hit = found.get(i.pending.key);
    if (hit !== undefined) {
      out.set(i.pending.index, foundOutcome(hit));
    }
    return hit === undefined;
  });
  const only = items.length === 1 ? items[0] : undefined;
  if (only !== undefined && rest.length === 1) {
    out.set(only.pending.index, err(toPushFailure(failure)));
  } else if (rest.length > 0 && rest.length < items.length) {
    await write(deps, rest, out);
  } else {
    for (const item of rest) {
      await write(deps, [item], out);
    }
  }
}

async function write(
  deps: EmailWriterDeps,
  items: ReadonlyArray<EmailToCreate>,
  out: Outcomes,
): Promise<void> {
  let created: RemoteObject[];
  try {
    created = await deps.api.createObjects(
      'emails',
      items.map((i) => i.input),
    );
  } catch (e) {
    const failure = classifyFailure(e, deps.now());
    if (failure.kind !== 'rejected' && failure.kind !== 'conflict') {
      throw failure;
    }
    await afterRejection(deps, items, failure, out);
    return;
  }
  await confirm(deps, items, created, out);
}

/**
 * C3: creates up to 100 emails in one `batch/create` and sets one outcome per result in `out` (by its place in the
 * push). A create that cannot reach HubSpot throws (the round fails, and is retried), leaving the outcomes already
 * set; one that HubSpot rejects is split so that only the bad input is `CRM.REJECTED`.
 */
export function createEmailWriter(
  deps: EmailWriterDeps,
): (items: ReadonlyArray<EmailToCreate>, out: Outcomes) => Promise<void> {
  return (items, out) => write(deps, items, out);
}
