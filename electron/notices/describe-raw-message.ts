import { openKeptRaw, type KeptRawSources } from '../core/open-kept-raw.js';
import type { BlobStore } from '../core/blob-store.js';
import { parseMime } from '../core/parse-mime.js';

/** The subject and date a notice names when the result itself has no email (a rejected forward, F3). */
export type MessageDescription = { readonly subject: string; readonly date: string | null };

/**
 * Reads the subject and date of a kept raw message (the pipeline stores every message's bytes before parsing, R3).
 * A result rejected before any email was drafted (F3 `forward-format-unrecognized`, B1 `sender-not-user`) carries
 * no subject in the journal; this finds the one the user wrote, so the notice says which message it is about.
 * Null when the bytes are gone or do not parse: the notice then says "(no subject)".
 */
export function describeRawMessage(
  blobs: BlobStore,
  store: KeptRawSources['store'],
): (rawSha256: string) => Promise<MessageDescription | null> {
  return async (rawSha256) => {
    if (store.rawMessage(rawSha256) === null && !(await blobs.has(rawSha256))) {
      return null;
    }
    const parsed = await parseMime(openKeptRaw(rawSha256, { store, blobs }).raw, { blobs });
    return parsed.ok ? { subject: parsed.value.subject, date: parsed.value.date } : null;
  };
}
