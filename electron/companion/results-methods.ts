import { openKeptRaw } from '../core/open-kept-raw.js';
import { apiFailure } from '#shared/api/api-error.js';
import type { CompanionService } from '#shared/api/companion-api.js';
import type { ResultDetail } from '#shared/api/companion-schemas.js';
import type { Companion } from './start-companion.js';
import { fromStore } from './store-failure.js';
import { toResultEntry } from './to-result-entry.js';

type ResultsMethods = Pick<
  CompanionService,
  'listResults' | 'getResult' | 'retryResult' | 'reprocessResult' | 'forgetResult' | 'markFailuresSeen'
>;

const defaultPageSize = 50;

/** The journal as the window shows and acts on it (C2, C6; docs/api.md "Results"). */
export function createResultsMethods(
  companion: Companion,
  readStatus: CompanionService['getStatus'],
): ResultsMethods {
  const { store } = companion;

  function detail(id: number): ResultDetail | null {
    const entry = store.datedEntry(id);
    if (entry === null) {
      return null;
    }
    const { result } = entry;
    const facts = store.fetchFacts({
      addresses: result.contacts.map((c) => c.email),
      names: [],
      identityKeys: [],
    });
    const actions: ResultDetail['actions'] = [];
    if (result.sync === 'failed') {
      actions.push('retry');
    }
    if (store.reprocessable({ resultIds: [id] }).length > 0) {
      actions.push('reprocess');
    }
    if (result.status === 'logged') {
      actions.push('forget');
    }
    return {
      ...toResultEntry(entry),
      labels: {
        companies: facts.companies
          .filter((c) => result.companies.includes(c.domain))
          .map(({ domain, name }) => ({ domain, name })),
        deals: facts.deals
          .filter((d) => result.deals.includes(d.id))
          .map(({ id: dealId, name, stage }) => ({ id: dealId, name, stage })),
        contacts: facts.contacts
          .filter((c) => result.contacts.some((link) => link.email === c.email))
          .map(({ email, name }) => ({ email, name })),
      },
      actions,
    };
  }

  const noResult = (id: number) => apiFailure('NOT_FOUND', `There is no result ${id} in this store.`);

  return {
    async listResults(query) {
      const limit = query.limit ?? defaultPageSize;
      const items = store
        .pageEntries({
          limit,
          ...(query.before === undefined ? {} : { before: query.before }),
          ...(query.status === undefined ? {} : { status: query.status }),
          ...(query.sync === undefined ? {} : { sync: query.sync }),
          ...(query.q === undefined ? {} : { q: query.q }),
        })
        .map(toResultEntry);
      const last = items.at(-1);
      return { ok: true, value: { items, nextBefore: items.length === limit && last ? last.id : null } };
    },
    async getResult({ id }) {
      const value = detail(id);
      return value === null ? noResult(id) : { ok: true, value };
    },
    async retryResult({ id }) {
      const entry = store.datedEntry(id);
      if (entry === null) {
        return noResult(id);
      }
      if (store.retrySync({ resultIds: [id] }).length === 0) {
        return apiFailure(
          'CONFLICT',
          `Result ${id} has no failed sync to retry (its sync is ${entry.result.sync}).`,
        );
      }
      companion.resultChanged(id);
      const after = store.datedEntry(id);
      return after === null ? noResult(id) : { ok: true, value: toResultEntry(after) };
    },
    async reprocessResult({ id }) {
      if (store.datedEntry(id) === null) {
        return noResult(id);
      }
      const [item] = store.reprocessable({ resultIds: [id] });
      if (item === undefined) {
        return apiFailure(
          'CONFLICT',
          `Result ${id} cannot be reprocessed: only the latest rejected or skipped result of a kept message can.`,
        );
      }
      // A new decision on the same bytes (not `resume`): the old result stays in the journal.
      const result = await companion.pipeline.logMessage({
        ...openKeptRaw(item.rawSha256, { store, blobs: companion.blobs }),
        envelope: {},
        ...(item.file === null ? {} : { file: item.file }),
      });
      companion.afterCommit(result);
      const fresh = store.resultForRaw(item.rawSha256);
      const entry = fresh === null ? null : store.datedEntry(fresh.id);
      return entry === null ? noResult(id) : { ok: true, value: toResultEntry(entry) };
    },
    async forgetResult({ id }) {
      const forgotten = fromStore(() => ({ ok: true, value: store.forget(id) }));
      if (!forgotten.ok) {
        return forgotten;
      }
      if (forgotten.value === null) {
        return noResult(id);
      }
      for (const sha256 of forgotten.value.unreferencedBlobs) {
        await companion.blobs.remove(sha256);
      }
      companion.resultChanged(id);
      return { ok: true, value: { removed: true } };
    },
    async markFailuresSeen(_input, caller) {
      const prefs = companion.prefs.read();
      companion.prefs.write({ ...prefs, seenFailuresUpTo: store.latestResultId() });
      return readStatus({}, caller);
    },
  };
}
