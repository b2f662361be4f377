import type { DroppedAttachment, LoggedAttachment } from '../model/log-result.js';
import type { ParsedAttachment } from '../model/parsed-message.js';

/** MB in the attachment limit is 2^20 bytes (B8). */
const mebibyte = 1024 * 1024;

/** B8: attachments over the limit are not logged; the email and the other attachments are. */
export function splitAttachments(
  attachments: ReadonlyArray<ParsedAttachment>,
  limitMB: number,
): { logged: ReadonlyArray<LoggedAttachment>; dropped: ReadonlyArray<DroppedAttachment> } {
  const limit = limitMB * mebibyte;
  return {
    logged: attachments
      .filter((a) => a.size <= limit)
      .map((a) => ({ filename: a.filename, size: a.size, sha256: a.sha256 })),
    dropped: attachments
      .filter((a) => a.size > limit)
      .map((a) => ({ filename: a.filename, size: a.size, reason: 'attachment-over-limit' as const })),
  };
}
