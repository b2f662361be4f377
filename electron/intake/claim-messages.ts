import type { ImapFlow } from 'imapflow';
import type { BelongsTo } from './belongs-to-user.js';
import { claimHeaderNames, readClaimHeaders } from './claim-headers.js';
import type { OnIntakeStep } from './intake-step.js';
import { isTryKeyword } from './processing-attempts.js';

export type ClaimContext = {
  readonly client: ImapFlow;
  /** The folder the logging addresses deliver to. */
  readonly watched: string;
  readonly processing: string;
  /** Shared mode with `onlyFor`: claim only what this says is the user's; absent: every message. */
  readonly belongsTo?: BelongsTo;
  /**
   * `uidValidity:uid` of watched messages that are another user's or another companion's: not asked about again
   * while they stay (the intake forgets them when the account's facts change).
   */
  readonly notMine: Set<string>;
  readonly batchSize: number;
  readonly onStep?: OnIntakeStep;
};

/** Header fetches per round trip when deciding which messages are the user's. */
const headerSlice = 100;

const claimKeywordPrefix = '$CrmClaim-';

/**
 * The keyword a companion marks its claims with, named after its own Processing folder. The characters of a
 * per-user folder name (letters, digits, `-`, `_`, `=`) are all valid in a keyword, so two folders never share one.
 */
export function claimKeywordFor(processing: string): string {
  return `${claimKeywordPrefix}${processing.replace(/[^A-Za-z0-9_=-]+/g, '-')}`;
}

/**
 * C1 "claim, then process": takes up to `batchSize` of the watched folder's messages (oldest first) into this
 * companion's Processing folder, and returns how many it took.
 *
 * C1 makes the MOVE itself the claim ("only one client can move a given message"). Measured against Dovecot
 * 2.3 (Maildir), that does not hold: two sessions MOVEing the same UID at the same moment BOTH succeed (38 of 40
 * tries), each getting a copy. So where the server has CONDSTORE (RFC 7162; Dovecot, Gmail, Cyrus…) the claim is
 * a compare-and-set first: `UID STORE uid (UNCHANGEDSINCE modseq) +FLAGS ($CrmClaim-<Processing>)` with the
 * modseq read just before. Of two companions that read the same modseq only one store succeeds (Dovecot: 200 of
 * 200 races had exactly one winner), and one that reads later sees the other's keyword and leaves the message.
 * Then the winner MOVEs what carries its own keyword. A companion that crashed between the two finds its keyword
 * at the next start and moves the message then; another companion never touches it. Without CONDSTORE the MOVE
 * alone is the claim, as docs/rules.md says, exclusive only where the server's MOVE is.
 */
export async function claimMessages(ctx: ClaimContext): Promise<number> {
  const { client } = ctx;
  const mailbox = await client.mailboxOpen(ctx.watched);
  const validity = String(mailbox.uidValidity);
  const uids = (await client.search({ all: true }, { uid: true })) || [];
  forgetGone(ctx.notMine, validity, uids);
  const open = uids.filter((uid) => !ctx.notMine.has(`${validity}:${uid}`));
  const candidates = ctx.belongsTo ? await findOwn(ctx, open, validity) : open.slice(0, ctx.batchSize);
  if (candidates.length === 0) {
    return 0;
  }
  const canCompareAndSet = client.enabled.has('CONDSTORE') && !mailbox.noModseq;
  const batch = canCompareAndSet ? await compareAndSetClaims(ctx, candidates, validity) : candidates;
  if (batch.length === 0) {
    return 0;
  }
  await clearEarlierTries(client, batch);
  const moved = await client.messageMove(batch.join(','), ctx.processing, { uid: true });
  if (!moved) {
    return 0;
  }
  const uidMap = moved.uidMap ?? (client.capabilities.has('UIDPLUS') ? new Map<number, number>() : undefined);
  for (const uid of uidMap?.values() ?? []) {
    ctx.onStep?.('claimed', { uid, folder: ctx.processing });
  }
  // Without UIDPLUS nothing says what was moved; Processing is drained next anyway.
  return uidMap ? uidMap.size : batch.length;
}

/** Drops what is remembered of messages no longer in the folder (or of an earlier UIDVALIDITY): bounded memory. */
function forgetGone(notMine: Set<string>, validity: string, uids: ReadonlyArray<number>): void {
  if (notMine.size === 0) {
    return;
  }
  const present = new Set(uids.map((uid) => `${validity}:${uid}`));
  for (const key of notMine) {
    if (!present.has(key)) {
      notMine.delete(key);
    }
  }
}

/**
 * C1: a claim starts with no tries. A message filed earlier and moved back into the watched folder (dragged from
 * Rejected after an alias was added, from Quarantine after a fix) still carries the `$CrmAttempt<n>` and
 * `$CrmFailed` keywords of its earlier claim; left on it, they would make the new claim look resumed (its earlier
 * result answered again) or already failed. Cleared before the MOVE, so no claim in Processing ever has them from
 * another claim.
 */
async function clearEarlierTries(client: ImapFlow, uids: ReadonlyArray<number>): Promise<void> {
  const messages = await client.fetchAll(uids.join(','), { uid: true, flags: true }, { uid: true });
  const stale = new Set<string>();
  for (const message of messages) {
    for (const flag of message.flags ?? []) {
      if (isTryKeyword(flag)) {
        stale.add(flag);
      }
    }
  }
  if (stale.size > 0) {
    await client.messageFlagsRemove(uids.join(','), [...stale], { uid: true });
  }
}

async function compareAndSetClaims(
  ctx: ClaimContext,
  uids: ReadonlyArray<number>,
  validity: string,
): Promise<number[]> {
  const { client } = ctx;
  const keyword = claimKeywordFor(ctx.processing);
  const claimed = (flags: ReadonlySet<string> | undefined): string | undefined =>
    [...(flags ?? [])].find((flag) => flag.startsWith(claimKeywordPrefix));
  const before = await client.fetchAll(uids.join(','), { uid: true, flags: true }, { uid: true });
  for (const message of before) {
    const holder = claimed(message.flags);
    if (holder === undefined && message.modseq !== undefined) {
      await client.messageFlagsAdd(String(message.uid), [keyword], {
        uid: true,
        unchangedSince: message.modseq,
      });
    } else if (holder !== undefined && holder !== keyword) {
      ctx.notMine.add(`${validity}:${message.uid}`);
    }
  }
  const after = await client.fetchAll(uids.join(','), { uid: true, flags: true }, { uid: true });
  return after
    .filter((message) => message.flags?.has(keyword))
    .map((message) => message.uid)
    .sort((a, b) => a - b);
}

async function findOwn(ctx: ClaimContext, uids: ReadonlyArray<number>, validity: string): Promise<number[]> {
  const belongsTo = ctx.belongsTo;
  const own: number[] = [];
  for (let start = 0; start < uids.length && own.length < ctx.batchSize && belongsTo; start += headerSlice) {
    const slice = uids.slice(start, start + headerSlice);
    const messages = await ctx.client.fetchAll(
      slice.join(','),
      { uid: true, headers: [...claimHeaderNames] },
      { uid: true },
    );
    for (const message of messages.sort((a, b) => a.uid - b.uid)) {
      if (own.length >= ctx.batchSize) {
        break;
      }
      if (belongsTo(readClaimHeaders(message.headers ?? ''))) {
        own.push(message.uid);
      } else {
        ctx.notMine.add(`${validity}:${message.uid}`);
      }
    }
  }
  return own;
}
