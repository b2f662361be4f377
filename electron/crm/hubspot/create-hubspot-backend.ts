import { setTimeout as pause } from 'node:timers/promises';
import { Client } from '@hubspot/api-client';
import type { Result } from '#shared/util/result.js';
import type { CrmBackend, PushFailure, PushReceipt, StoredResult } from '../crm-backend.port.js';
import type { LocalStore } from '../local/local-store.js';
import { readStoreId } from './email-key.js';
import { createKeyPropertyGuard } from './email-key-property.js';
import { createRemoteFactsReader } from './fetch-remote-facts.js';
import { createHubSpotApi } from './hubspot-api.js';
import { createHubSpotCall } from './hubspot-call.js';
import { createOwnerDirectory } from './owner-directory.js';
import { createPusher } from './push-results.js';
import { createRateGate } from './rate-gate.js';
import { createRemoteIds } from './remote-ids.js';

export type HubSpotBackendOptions = {
  /** The private app's access token (docs/hubspot.md: `Authorization: Bearer`). */
  readonly accessToken: string;
  /** Default `https://api.hubapi.com`; tests point it at the emulator (no trailing slash is sent, docs/hubspot.md). */
  readonly baseUrl?: string;
  /** The durable journal and read-through cache. */
  readonly store: LocalStore;
  /** Where the blob store keeps an attachment's bytes, by sha256. */
  readonly blobPath: (sha256: string) => string;
  /** Names this store in remote keys; default: read or created next to the store file (`hubspot-store-id`). */
  readonly storeId?: string;
  readonly clock?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Per request (default 30 s). */
  readonly requestTimeoutMs?: number;
  /** How long one call waits out 429s before the push reports `CRM.RATE_LIMITED` (default 30 s). */
  readonly maxRateLimitWaitMs?: number;
  /** The app's limit until HubSpot's headers tell it (default 100 / 10 s, the lowest tier; docs/hubspot.md). */
  readonly rateLimit?: { readonly max: number; readonly intervalMs: number };
  /** Search's per-second limit (default 4, the lower documented figure). */
  readonly searchPerSecond?: number;
  /** An address read from HubSpot this recently is answered from the local cache (default 60 s). */
  readonly factsTtlMs?: number;
  /** Warnings for the companion's logger (the companion does not write to the console). */
  readonly onWarning?: (message: string) => void;
};

export type PushOutcome = Result<PushReceipt, PushFailure>;

export type HubSpotBackend = CrmBackend & {
  readonly kind: 'hubspot';
  /** Up to 100 results per HubSpot batch; one outcome per result, in order (C3: the outbox's bulk path). */
  pushResults(batch: ReadonlyArray<StoredResult>): Promise<PushOutcome[]>;
};

/**
 * The HubSpot CRM as a `CrmBackend` (docs/architecture.md "CrmBackend is a port"; C3), over `@hubspot/api-client`
 * 13. The SDK's own retries stay off (`numberOfApiCallRetries` unset, as docs/hubspot.md recommends: it ignores
 * `Retry-After` and is process-wide); rate limits, timeouts and retries are handled by `createHubSpotCall`.
 */
export function createHubSpotBackend(options: HubSpotBackendOptions): HubSpotBackend {
  const clock = options.clock ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => pause(ms));
  const onWarning = options.onWarning ?? (() => undefined);
  const basePath = options.baseUrl?.replace(/\/+$/, '');
  const client = new Client({
    accessToken: options.accessToken,
    ...(basePath !== undefined ? { basePath } : {}),
  });
  const gate = createRateGate({
    ...(options.rateLimit ?? {}),
    ...(options.searchPerSecond !== undefined ? { searchPerSecond: options.searchPerSecond } : {}),
    now: () => clock().getTime(),
    sleep,
  });
  const call = createHubSpotCall({
    gate,
    timeoutMs: options.requestTimeoutMs ?? 30_000,
    maxRateLimitWaitMs: options.maxRateLimitWaitMs ?? 30_000,
    now: clock,
    sleep,
  });
  const api = createHubSpotApi(client, call);
  const ids = createRemoteIds();
  let storeId = options.storeId;

  const pushResults = createPusher({
    api,
    ids,
    owners: createOwnerDirectory(api, () => clock().getTime()),
    storeId: () => (storeId ??= readStoreId(options.store.path)),
    blobPath: options.blobPath,
    now: clock,
    ensureKeyProperty: createKeyPropertyGuard(api, onWarning),
    onWarning,
  });

  return {
    kind: 'hubspot',
    fetchFacts: createRemoteFactsReader({
      api,
      store: options.store,
      ids,
      now: () => clock().getTime(),
      ttlMs: options.factsTtlMs ?? 60_000,
      onWarning,
    }),
    pushResults,
    async pushResult(result) {
      const [outcome] = await pushResults([result]);
      if (outcome === undefined) {
        throw new Error('pushResults returned no outcome');
      }
      return outcome;
    },
  };
}
