import type pg from 'pg';
import { domainOf, normalizeAddress } from '#shared/address/normalize-address.js';
import type { Facts, FactsQuery } from '#shared/model/crm-data.js';
import type { Result } from '#shared/util/result.js';
import type { CrmBackend, PushFailure, PushReceipt, StoredResult } from '../crm-backend.port.js';
import { readStoreId } from '../hubspot/email-key.js';
import type { LocalStore } from '../local/local-store.js';
import { readAccount, readFacts, readRevision } from './account-data.js';
import { migrate } from './migrations.js';
import type { PostgresFailure } from './postgres-failure.js';
import { classifyPostgresError } from './postgres-failure.js';
import { createPool, type PostgresConnection } from './postgres-pool.js';
import { createPusher, type PushReport } from './push-result.js';

export type PostgresBackendOptions = {
  readonly connection: PostgresConnection;
  /** The durable journal and read-through cache. */
  readonly store: LocalStore;
  /** Names this store in `emails.store_key`; default: the `hubspot-store-id` file next to the store. */
  readonly storeId?: string;
  /** Brings the schema up to date before the first call (default true; IT may run `db migrate` instead). */
  readonly migrate?: boolean;
  /** How often the account's revision is checked besides each message (default 30 s). */
  readonly accountPollMs?: number;
  readonly onInfo?: (message: string, fields?: Readonly<Record<string, unknown>>) => void;
  readonly onWarning?: (message: string) => void;
  /** One line per episode of a refused sign-in (`CRM.AUTH: …`): the companion's status shows it. */
  readonly onError?: (message: string, error: string) => void;
  /** Each push's outcome: written, a repeat of this store's own write, or another user's duplicate. */
  readonly onPushed?: (stored: StoredResult, report: PushReport) => void;
};

export type PostgresBackend = CrmBackend & {
  readonly kind: 'postgres';
  /** The outbox's batch, pushed over the pool's connections side by side; one outcome per result, in order. */
  pushResults(batch: ReadonlyArray<StoredResult>): Promise<Array<Result<PushReceipt, PushFailure>>>;
  readonly pool: pg.Pool;
  /** Ends the pool's connections (the companion's stop). */
  close(): Promise<void>;
};

/**
 * The team PostgreSQL as a `CrmBackend` (docs/architecture.md "CrmBackend is a port"; C3; docs/deployment.md "Team
 * mode"): many companions, one database. The local store stays the durable journal and the read-through cache:
 *
 * - facts: the account (users, settings, never-log lists) is re-read whenever its revision moved and imported
 *   into the cache; the contacts, companies and deals of the message's addresses, and the identity keys of the
 *   emails they sent (R2 across users), are read for each message. When the database cannot be reached the
 *   cached facts are used as they are (a warning says so): the message is decided, and its push waits.
 * - push: `push-result.ts`, one transaction per result, settled by unique indexes.
 *
 * The schema is migrated under an advisory lock before the first call, so companions started together take turns.
 */
export function createPostgresBackend(options: PostgresBackendOptions): PostgresBackend {
  const onWarning = options.onWarning ?? (() => undefined);
  const onError = options.onError ?? (() => undefined);
  const pool = createPool(options.connection, (e) =>
    onWarning(`PostgreSQL idle connection lost: ${e.message}`),
  );
  let storeId = options.storeId;
  let ready: Promise<void> | null = null;
  let accountRevision: string | null = null;
  let authFailing = false;

  /** Migrates once; a failure is forgotten, so the next call tries again (the server may be starting). */
  function ensureReady(): Promise<void> {
    if (options.migrate === false) {
      return Promise.resolve();
    }
    ready ??= migrate(pool).then(
      (summary) => {
        if (summary.applied.length > 0) {
          options.onInfo?.('PostgreSQL schema migrated', { applied: summary.applied });
        }
      },
      (e: unknown) => {
        ready = null;
        throw e;
      },
    );
    return ready;
  }

  /** Reports a refused sign-in once per episode; any other answer from the server ends the episode. */
  function observe(failure: PostgresFailure | null): void {
    if (failure?.kind === 'auth') {
      if (!authFailing) {
        authFailing = true;
        onError('PostgreSQL refused the sign-in', failure.message);
      }
    } else if (failure === null || failure.kind === 'rejected') {
      authFailing = false;
    }
  }

  const push = createPusher({
    pool,
    storeId: () => (storeId ??= readStoreId(options.store.path)),
    onFailure: observe,
    ...(options.onPushed === undefined ? {} : { onPushed: options.onPushed }),
  });

  /**
   * The account (users, settings, never-log lists) into the local cache when its revision moved. The pipeline
   * checks the sender against the cached users before it asks the backend anything (B2), so this also runs at
   * start and every `accountPollMs`, not only when a message is decided.
   */
  async function syncAccount(): Promise<void> {
    await ensureReady();
    const revision = await readRevision(pool);
    if (revision === accountRevision) {
      return;
    }
    const account = await readAccount(pool);
    options.store.importCrm({
      users: account.users.map((u) => ({ ...u })),
      settings: account.settings,
      neverLog: account.neverLog,
    });
    accountRevision = account.revision;
    options.onInfo?.('PostgreSQL account read', { revision: account.revision, users: account.users.length });
  }

  let syncing: Promise<void> | null = null;
  function pollAccount(): void {
    syncing ??= syncAccount()
      .then(() => observe(null))
      .catch((e: unknown) => {
        const failure = classifyPostgresError(e);
        observe(failure);
        onWarning(`PostgreSQL account not read, using the local cache: ${failure.message}`);
      })
      .finally(() => {
        syncing = null;
      });
  }
  pollAccount();
  const poller = setInterval(pollAccount, options.accountPollMs ?? 30_000);
  poller.unref();

  async function refresh(query: FactsQuery): Promise<Facts['logged']> {
    await syncAccount();
    const settings = options.store.settings();
    const internal = new Set(settings.internalDomains.map((d) => d.toLowerCase()));
    const addresses = [
      ...new Set(query.addresses.map(normalizeAddress).filter((a): a is string => a !== null)),
    ]
      .filter((a) => !internal.has(domainOf(a)))
      .slice(0, settings.maxFactLookups); // B2: a bounded number of lookups per message
    if (addresses.length === 0) {
      return [];
    }
    const facts = await readFacts(pool, addresses);
    options.store.importCrm({
      users: [],
      companies: facts.companies,
      contacts: facts.contacts,
      deals: facts.deals,
    });
    return facts.logged;
  }

  const pushResult: PostgresBackend['pushResult'] = async (stored) => {
    try {
      await ensureReady();
    } catch (e) {
      // Retryable whatever the cause: a schema IT has not migrated yet must not fail the results.
      const failure = classifyPostgresError(e);
      observe(failure);
      return { ok: false, error: { code: 'CRM.UNAVAILABLE', message: failure.message, retryable: true } };
    }
    const answer = await push(stored);
    if (answer.ok) {
      observe(null);
    }
    return answer;
  };
  const lanes = Math.max(1, options.connection.poolMax ?? 4);

  return {
    kind: 'postgres',
    pool,
    pushResult,
    async pushResults(batch) {
      const out = new Array<Result<PushReceipt, PushFailure>>(batch.length);
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < batch.length) {
          const i = next++;
          const stored = batch[i];
          if (stored !== undefined) {
            out[i] = await pushResult(stored);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(lanes, batch.length) }, lane));
      return out;
    },
    async fetchFacts(query) {
      let remoteLogged: Facts['logged'] = [];
      try {
        remoteLogged = await refresh(query);
        observe(null);
      } catch (e) {
        const failure = classifyPostgresError(e);
        observe(failure);
        if (failure.kind === 'rejected') {
          throw failure;
        }
        onWarning(`PostgreSQL facts not refreshed, using the local cache: ${failure.message}`);
      }
      const local = options.store.fetchFacts(query);
      return remoteLogged.length === 0 ? local : { ...local, logged: [...local.logged, ...remoteLogged] };
    },
    async close() {
      clearInterval(poller);
      await syncing;
      await pool.end();
    },
  };
}
