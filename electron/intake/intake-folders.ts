import type { LogResult } from '../../shared/model/log-result.js';
import type { ReasonCode } from '../../shared/model/reason-code.js';
import { assertNever } from '../../shared/util/assert-never.js';

/**
 * The companion's own folders on the IMAP server (SPEC C1), named in this one place. They are top-level folders
 * next to the watched one; names use letters, digits and `-` only, because a `.` is the hierarchy separator of
 * Maildir++ servers and would make a nested folder.
 */
export type IntakeFolders = {
  /** Claimed messages being processed; what is left here after a crash is finished first at the next start. */
  readonly processing: string;
  readonly logged: string;
  /** `skipped` and `duplicate` results. */
  readonly skipped: string;
  readonly rejected: string;
  /** R3 (`malformed-message`, `message-too-large`, `parse-timeout`) and messages that failed too often. */
  readonly quarantine: string;
};

export const defaultIntakeFolders: IntakeFolders = {
  processing: 'Processing',
  logged: 'Logged',
  skipped: 'Skipped',
  rejected: 'Rejected',
  quarantine: 'Quarantine',
};

/**
 * C1 shared mode with per-user companions: each companion needs its OWN Processing folder, because at start it
 * finishes whatever is in it; a shared one would make Ann's companion resume Tom's message while Tom's companion is
 * still working on it. `Processing-ann-corp-example` for `ann@corp.example`.
 */
export function processingFolderFor(folders: IntakeFolders, onlyFor: string | undefined): string {
  if (onlyFor === undefined) {
    return folders.processing;
  }
  const slug = onlyFor
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${folders.processing}-${slug}`;
}

const quarantineReasons: ReadonlySet<ReasonCode> = new Set([
  'malformed-message',
  'message-too-large',
  'parse-timeout',
]);

/**
 * C1/R3: where a processed message is filed after its result is committed. `null` for a `storage-error`: nothing
 * was really processed, so the message stays in Processing and is tried again later.
 */
export function folderForResult(result: LogResult, folders: IntakeFolders): string | null {
  if (result.reasons.includes('storage-error')) {
    return null;
  }
  switch (result.status) {
    case 'logged':
      return folders.logged;
    case 'skipped':
    case 'duplicate':
      return folders.skipped;
    case 'rejected':
      return result.reasons.some((r) => quarantineReasons.has(r)) ? folders.quarantine : folders.rejected;
    default:
      return assertNever(result.status);
  }
}
