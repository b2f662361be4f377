import fs from 'node:fs';
import { normalizeDomain } from '../../../shared/address/normalize-address.js';
import type { ContactToLink } from '../../../shared/model/decision.js';
import { err, ok, type Result } from '../../../shared/util/result.js';
import type { PushFailure, PushReceipt, StoredResult } from '../crm-backend.port.js';
import { buildContactInput, buildEmailInput } from './build-email-input.js';
import type { IdentityKeys } from '../../../shared/model/decision.js';
import { emailKey, emailKeyProperty } from './email-key.js';
import type { KeyLookup } from './email-key-property.js';
import { createEmailFinder, type EmailLookup, type FoundEmail } from './find-logged-emails.js';
import { identityOfEmail } from './identity-properties.js';
import { batchLimit, chunk, type CreateInput, type HubSpotApi } from './hubspot-api.js';
import { classifyFailure, HubSpotFailure, toPushFailure } from './hubspot-failure.js';
import type { OwnerDirectory } from './owner-directory.js';
import type { RemoteIds } from './remote-ids.js';

export type PushOutcome = Result<PushReceipt, PushFailure>;

export type PushDeps = {
  readonly api: HubSpotApi;
  readonly ids: RemoteIds;
  readonly owners: OwnerDirectory;
  readonly storeId: () => string;
  readonly blobPath: (sha256: string) => string;
  readonly now: () => Date;
  /** Creates the key property once (docs/hubspot.md) and says how keys are looked up. */
  readonly ensureKeyProperty: () => Promise<KeyLookup>;
  readonly onWarning: (message: string) => void;
};

/** The File Manager folder of uploaded attachments. */
export const attachmentFolder = '/crm-mail-logger';

type Pending = {
  readonly index: number;
  readonly key: string;
  readonly identity: IdentityKeys;
  readonly stored: StoredResult;
};

/** The outcome of a result HubSpot already holds: its own earlier write, or another store's (R2, docs/rules.md#c3). */
function foundOutcome(found: FoundEmail): PushOutcome {
  return found.kind === 'own'
    ? ok({ sync: 'synced', remoteId: found.id })
    : ok({ sync: 'synced', remoteId: found.id, duplicateOf: found.duplicateOf });
}

/**
 * C3 for HubSpot: writes up to 100 committed results per round, with batch endpoints throughout (one
 * request per record cannot keep up with 190 requests / 10 s).
 *
 * No duplicate remote writes (docs/hubspot.md): each email carries `crm_mail_logger_id` = `<store id>:<result id>`, a
 * unique property. Every round first reads the batch's keys back (`batch/read` by that property, strongly
 * consistent): an email found was written by an earlier attempt whose local mark was lost (a crash, a timeout
 * after HubSpot had done the work) and is reported synced without being written again. Only the rest is
 * written; a create that times out is not repeated here, the outbox's next round reads it back first. Contacts
 * are unique by email (read first; a 409 on create means "exists": read again, go on); attachments are uploaded
 * with `RETURN_EXISTING` and remembered by sha256.
 *
 * A round that cannot reach HubSpot fails as a whole (`CRM.UNAVAILABLE` / `CRM.RATE_LIMITED`, retryable); a
 * batch create HubSpot rejects is retried input by input, so one bad result is `CRM.REJECTED` and the others go.
 */
/** How long "HubSpot has no company for this domain" is believed (B7 links what exists when the email is pushed). */
const NO_COMPANY_TTL_MS = 10 * 60_000;

export function createPusher(deps: PushDeps): (batch: ReadonlyArray<StoredResult>) => Promise<PushOutcome[]> {
  const { api, ids } = deps;
  /**
   * Domains HubSpot had no company for, and until when that answer is trusted. A back-fill names the same
   * company-less domains in batch after batch; searching again for each batch was a sixth of the sync's requests
   *. A company created in HubSpot meanwhile is linked to emails pushed after the TTL.
   */
  const noCompanyUntil = new Map<string, number>();

  const findEmails = createEmailFinder(api, deps.ensureKeyProperty);
  const lookupOf = (p: Pending, mayExist: boolean): EmailLookup => ({
    key: p.key,
    identity: p.identity,
    mayExist,
  });

  /** Company ids by normalised domain, from memory or one search for the rest (docs/hubspot.md). */
  async function companyIds(domains: ReadonlyArray<string>): Promise<Map<string, string>> {
    const wanted = [
      ...new Set(domains.map((d) => normalizeDomain(d)).filter((d): d is string => d !== null)),
    ];
    const at = deps.now().getTime();
    const missing = wanted.filter((d) => !ids.companyByDomain.has(d) && (noCompanyUntil.get(d) ?? 0) <= at);
    if (missing.length > 0) {
      for (const company of await api.searchCompanies(missing, ['domain', 'createdate'])) {
        const domain = normalizeDomain(company.properties.domain ?? '');
        if (domain !== null && !ids.companyByDomain.has(domain)) {
          ids.companyByDomain.set(domain, company.id); // results come oldest first: the oldest wins
        }
      }
      missing
        .filter((d) => !ids.companyByDomain.has(d))
        .forEach((d) => noCompanyUntil.set(d, at + NO_COMPANY_TTL_MS));
    }
    return new Map(
      wanted.flatMap((d) => (ids.companyByDomain.has(d) ? [[d, ids.companyByDomain.get(d) ?? '']] : [])),
    );
  }

  /** B4: every contact the results associate, created when HubSpot lacks it; ids by address. */
  async function contactIds(
    contacts: ReadonlyArray<ContactToLink>,
    companies: ReadonlyMap<string, string>,
  ): Promise<Map<string, string>> {
    const byEmail = new Map(contacts.map((c) => [c.email.toLowerCase(), c]));
    const result = new Map<string, string>();
    const read = async (emails: ReadonlyArray<string>): Promise<void> => {
      for (const c of await api.readObjects('contacts', emails, ['email'], 'email')) {
        const email = (c.properties.email ?? '').toLowerCase();
        result.set(email, c.id);
        ids.contactByEmail.set(email, c.id);
      }
    };
    await read([...byEmail.keys()]);
    const refused = new Set<string>();
    const create = async (part: ReadonlyArray<ContactToLink>): Promise<void> => {
      const inputs = part.map((c) => {
        const domain = c.company === null ? null : normalizeDomain(c.company);
        return buildContactInput(c, domain === null ? null : (companies.get(domain) ?? null));
      });
      try {
        for (const created of await api.createObjects('contacts', inputs)) {
          const email = (created.properties.email ?? '').toLowerCase();
          result.set(email, created.id);
          ids.contactByEmail.set(email, created.id);
        }
      } catch (e) {
        const failure = classifyFailure(e, deps.now());
        if (failure.kind !== 'rejected') {
          throw failure;
        }
        if (part.length > 1) {
          for (const one of part) {
            await create([one]);
          }
          return;
        }
        // HubSpot refuses this one contact (an address it deems invalid): log the email without it.
        const email = part[0]?.email.toLowerCase() ?? '';
        refused.add(email);
        deps.onWarning(`contact ${email} not created, the email is logged without it: ${failure.message}`);
      }
    };
    for (let round = 0; round < 3; round++) {
      const missing = [...byEmail.values()].filter(
        (c) => !result.has(c.email.toLowerCase()) && !refused.has(c.email.toLowerCase()),
      );
      if (missing.length === 0) {
        break;
      }
      try {
        for (const part of chunk(missing, batchLimit)) {
          await create(part);
        }
      } catch (e) {
        // docs/hubspot.md: 409 = the contact exists (created meanwhile): read again and create only what is still missing.
        if (classifyFailure(e, deps.now()).kind !== 'conflict') {
          throw e;
        }
        await read(missing.map((c) => c.email));
      }
    }
    return result;
  }

  async function attachmentIds(stored: StoredResult): Promise<string[]> {
    const list: string[] = [];
    for (const attachment of stored.result.attachments.logged) {
      const known = ids.fileBySha256.get(attachment.sha256);
      if (known !== undefined) {
        list.push(known);
        continue;
      }
      const file = deps.blobPath(attachment.sha256);
      if (!fs.existsSync(file)) {
        deps.onWarning(
          `result ${stored.id}: attachment ${attachment.filename} (${attachment.sha256}) has no blob; logged without it`,
        );
        continue;
      }
      const id = await api.uploadFile({
        path: file,
        name: attachment.filename,
        folderPath: attachmentFolder,
      });
      ids.fileBySha256.set(attachment.sha256, id);
      list.push(id);
    }
    return list;
  }

  /** Creates the emails; a rejected batch is split so that only the bad input is rejected. */
  async function createEmails(
    items: ReadonlyArray<{ pending: Pending; input: CreateInput }>,
    out: PushOutcome[],
  ): Promise<void> {
    try {
      const created = await api.createObjects(
        'emails',
        items.map((i) => i.input),
      );
      const byKey = new Map(created.map((c) => [c.properties[emailKeyProperty] ?? '', c.id]));
      const unmatched: Pending[] = [];
      for (const { pending } of items) {
        const id = byKey.get(pending.key);
        if (id === undefined) {
          unmatched.push(pending);
        } else {
          out[pending.index] = ok({ sync: 'synced', remoteId: id });
        }
      }
      if (unmatched.length > 0) {
        const found = await findEmails(
          unmatched.map((p) => lookupOf(p, true)),
          { consistent: true },
        );
        for (const p of unmatched) {
          const hit = found.get(p.key);
          out[p.index] =
            hit === undefined
              ? err({
                  code: 'CRM.UNAVAILABLE',
                  message: `HubSpot did not confirm email ${p.key}`,
                  retryable: true,
                })
              : foundOutcome(hit);
        }
      }
    } catch (e) {
      const failure = classifyFailure(e, deps.now());
      if (failure.kind !== 'rejected' && failure.kind !== 'conflict') {
        throw failure;
      }
      // A unique key may exist already (another companion of this store, or of another store with the same
      // email, won a race: R2, docs/hubspot.md#idempotency), or one input is invalid.
      const found = await findEmails(
        items.map((i) => lookupOf(i.pending, true)),
        { consistent: true },
      );
      const rest = items.filter((i) => {
        const hit = found.get(i.pending.key);
        if (hit !== undefined) {
          out[i.pending.index] = foundOutcome(hit);
        }
        return hit === undefined;
      });
      if (rest.length === 1 && items.length === 1) {
        out[items[0]?.pending.index ?? 0] = err(toPushFailure(failure));
        return;
      }
      if (rest.length > 0 && rest.length < items.length) {
        await createEmails(rest, out); // the batch failed on keys that exist: the rest may well go as one batch
        return;
      }
      for (const item of rest) {
        await createEmails([item], out);
      }
    }
  }

  async function pushChunk(
    batch: ReadonlyArray<StoredResult>,
    out: PushOutcome[],
    offset: number,
  ): Promise<void> {
    const storeId = deps.storeId();
    const pending: Pending[] = [];
    batch.forEach((stored, i) => {
      if (stored.logged === null || stored.result.status !== 'logged') {
        out[offset + i] = ok({ sync: 'synced' }); // nothing of a skipped, rejected or duplicate result goes remote
      } else {
        pending.push({
          index: offset + i,
          key: emailKey(storeId, stored.id),
          identity: identityOfEmail(stored.logged.email),
          stored,
        });
      }
    });
    if (pending.length === 0) {
      return;
    }
    // C3: a result an earlier push may have written (a crash between the create and the local mark) is looked up
    // by its key first; one the outbox never claimed before cannot be there yet. R2 across users: every result is
    // also searched by its identity keys, and one another store already wrote is a duplicate, not written again.
    await deps.ensureKeyProperty(); // the emails below carry the key properties: they must exist first
    const existing = await findEmails(
      pending.map((p) => lookupOf(p, p.stored.pushedBefore !== false)),
      { consistent: false },
    );
    const todo = pending.filter((p) => {
      const hit = existing.get(p.key);
      if (hit !== undefined) {
        out[p.index] = foundOutcome(hit);
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
    const contactsByEmail = await contactIds(contacts, companies);
    const items: Array<{ pending: Pending; input: CreateInput }> = [];
    for (const p of todo) {
      const logged = p.stored.logged;
      if (logged === null) {
        continue;
      }
      let files: string[];
      try {
        files = await attachmentIds(p.stored);
      } catch (e) {
        const failure = classifyFailure(e, deps.now());
        if (failure.kind !== 'rejected') {
          throw failure;
        }
        out[p.index] = err(toPushFailure(failure));
        continue;
      }
      const deals = p.stored.result.deals.filter((d) => /^\d+$/.test(d));
      if (deals.length < p.stored.result.deals.length) {
        deps.onWarning(
          `result ${p.stored.id}: deals not from HubSpot left unassociated: ${p.stored.result.deals.filter((d) => !/^\d+$/.test(d)).join(', ')}`,
        );
      }
      const owner = p.stored.result.owner;
      items.push({
        pending: p,
        input: buildEmailInput(logged.email, logged.contacts, {
          key: p.key,
          identity: p.identity,
          fallbackTimestamp: deps.now().toISOString(),
          ownerId: owner === null ? null : await deps.owners.ownerIdOf(owner),
          attachmentIds: files,
          contactIds: logged.contacts.flatMap((c) => contactsByEmail.get(c.email.toLowerCase()) ?? []),
          companyIds: p.stored.result.companies.flatMap((d) => companies.get(normalizeDomain(d) ?? '') ?? []),
          dealIds: deals,
        }),
      });
    }
    if (items.length > 0) {
      await createEmails(items, out);
    }
  }

  return async (batch) => {
    const out: PushOutcome[] = new Array<PushOutcome>(batch.length);
    let offset = 0;
    for (const part of chunk(batch, batchLimit)) {
      try {
        await pushChunk(part, out, offset);
      } catch (e) {
        const failure = toPushFailure(e instanceof HubSpotFailure ? e : classifyFailure(e, deps.now()));
        part.forEach((_, i) => {
          out[offset + i] ??= err(failure);
        });
      }
      offset += part.length;
    }
    return out;
  };
}
