import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Facts, FactsQuery } from '../../shared/model/crm-data.js';
import type { Decision } from '../../shared/model/decision.js';
import type { LogResult } from '../../shared/model/log-result.js';
import type { Envelope, ParsedMessage } from '../../shared/model/parsed-message.js';
import { decide } from '../../shared/rules/decide.js';
import { namesToRetry, neededFacts } from '../../shared/rules/needed-facts.js';
import { quarantineDecision } from '../../shared/rules/quarantine-decision.js';
import type { CrmBackend } from '../crm/crm-backend.port.js';
import type { LocalStore } from '../crm/local/local-store.js';
import { BlobStoreError, type BlobStore } from './blob-store.js';
import type { ParseLimits } from './limits.js';
import { parseMime } from './parse-mime.js';

/** One message as every intake hands it over: raw RFC 5322 bytes plus where it came from (ARCHITECTURE). */
export type RawMessage = {
  readonly raw: Readable | Buffer;
  readonly envelope: Envelope;
  /** The file name the CLI reports the result under. */
  readonly file?: string;
  /** C1: the commit that an IMAP MOVE depends on must survive power loss. */
  readonly durable?: boolean;
  /**
   * C1: these bytes may have been committed already by a run that crashed before filing them; if so, answer with
   * that result instead of logging them again (exactly once).
   */
  readonly resume?: boolean;
};

export type PipelineDeps = {
  readonly store: LocalStore;
  /** Where the facts come from (read-through, SPEC §0); default the local store itself. */
  readonly backend?: CrmBackend;
  readonly blobs: BlobStore;
  readonly limits?: Partial<ParseLimits>;
  readonly now?: () => Date;
};

export type Pipeline = { logMessage(message: RawMessage): Promise<LogResult> };

/**
 * Raw bytes → parsed → decision → one SQLite transaction. The raw message is kept first (content-addressed), so a
 * message that then fails to parse is quarantined with its bytes (R3) and one that is logged can be reprocessed.
 * A disk fault is reported as `storage-error`; the source is untouched, so the intake can try again.
 */
export function createPipeline(deps: PipelineDeps): Pipeline {
  const now = deps.now ?? (() => new Date());

  async function fetchFacts(query: FactsQuery): Promise<Facts> {
    return deps.backend ? deps.backend.fetchFacts(query) : deps.store.fetchFacts(query);
  }

  async function decideParsed(message: ParsedMessage, envelope: Envelope): Promise<Decision> {
    let facts = await fetchFacts(neededFacts(message));
    let decision = decide(message, envelope, facts);
    // F6: a forwarded sender shown by name only is looked up by that name, once.
    const names = namesToRetry(decision);
    if (names.length > 0) {
      const byName = await fetchFacts({ addresses: [], names, identityKeys: [] });
      facts = { ...facts, contacts: [...facts.contacts, ...byName.contacts] };
      decision = decide(message, envelope, facts);
    }
    // R2: look the decision's own identity keys up, and decide again only when one is already logged.
    const keys = [decision.identity.messageId, decision.identity.contentKey].filter(
      (k): k is string => k !== null,
    );
    if (keys.length === 0) {
      return decision;
    }
    const { logged } = deps.store.fetchFacts({ addresses: [], names: [], identityKeys: keys });
    return logged.length === 0 ? decision : decide(message, envelope, { ...facts, logged });
  }

  return {
    async logMessage({ raw, envelope, file, durable, resume }) {
      const receivedAt = now().toISOString();
      const commit = (decision: Decision, rawSha256: string | null, messageId?: string | null): LogResult =>
        deps.store.commit({
          decision,
          rawSha256,
          receivedAt,
          ...(file === undefined ? {} : { file }),
          ...(messageId === undefined ? {} : { messageId }),
          ...(durable === undefined ? {} : { durable }),
        });
      let rawBlob;
      try {
        rawBlob = Buffer.isBuffer(raw) ? await deps.blobs.putBuffer(raw) : await deps.blobs.put(raw);
      } catch (error) {
        if (error instanceof BlobStoreError) {
          return commit(quarantineDecision('storage-error', envelope), null);
        }
        throw error;
      }
      const committed = resume ? deps.store.resultForRaw(rawBlob.sha256) : null;
      if (committed !== null) {
        return committed.result;
      }
      let parsed;
      try {
        parsed = await parseMime(createReadStream(rawBlob.path), {
          blobs: deps.blobs,
          limits: deps.limits ?? {},
        });
      } catch (error) {
        if (error instanceof BlobStoreError) {
          return commit(quarantineDecision('storage-error', envelope), rawBlob.sha256);
        }
        throw error;
      }
      if (!parsed.ok) {
        return commit(quarantineDecision(parsed.error.reason, envelope), rawBlob.sha256, null);
      }
      const decision = await decideParsed(parsed.value, envelope);
      return commit(decision, rawBlob.sha256, parsed.value.messageId);
    },
  };
}
