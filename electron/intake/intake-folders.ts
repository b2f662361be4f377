import { normalizeAddress } from '#shared/address/normalize-address.js';
import type { LogResult } from '#shared/model/log-result.js';
import type { ReasonCode } from '#shared/model/reason-code.js';
import { assertNever } from '#shared/util/assert-never.js';

/**
 * The companion's own folders on the IMAP server (C1), named in this one place. They are top-level folders
 * next to the watched one; names never hold a `.`, because it is the hierarchy separator of Maildir++ servers and
 * would make a nested folder.
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
 * still working on it. So the name is derived injectively from the user's (normalised) address: `ann.smith@…`,
 * `ann-smith@…` and `ann_smith@…` must never share a folder. `Processing-ann-smith_corp-example` for
 * `ann.smith@corp.example`.
 */
export function processingFolderFor(folders: IntakeFolders, onlyFor: string | undefined): string {
  if (onlyFor === undefined) {
    return folders.processing;
  }
  const address = normalizeAddress(onlyFor) ?? onlyFor.toLowerCase();
  return `${folders.processing}-${encodeFolderPart(address)}`;
}

/**
 * A prefix-free code, hence injective: letters and digits stay, `.` becomes `-` and `@` becomes `_` (readable),
 * and every other character is `=` with the hex of each of its UTF-8 bytes (`-` is `=2d`, `_` is `=5f`). The
 * result has only letters, digits, `-`, `_` and `=`: no hierarchy separator (`.` on Maildir++ servers, `/`
 * elsewhere), no IMAP wildcard and no modified-UTF-7 `&`.
 */
function encodeFolderPart(text: string): string {
  let out = '';
  for (const char of text) {
    if (/^[a-z0-9]$/.test(char)) {
      out += char;
    } else if (char === '.') {
      out += '-';
    } else if (char === '@') {
      out += '_';
    } else {
      for (const byte of new TextEncoder().encode(char)) {
        out += `=${byte.toString(16).padStart(2, '0')}`;
      }
    }
  }
  return out;
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
