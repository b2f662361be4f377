import type { ImapFlow } from 'imapflow';
import type { BelongsTo } from './belongs-to-user.js';
import { claimHeaderNames, readClaimHeaders } from './claim-headers.js';
import type { OnIntakeStep } from './intake-step.js';
import { attemptKeyword, canKeepKeywords, isTryKeyword } from './processing-attempts.js';
import { observed } from './observed.js';
import { selectedMailbox } from './selected-mailbox.js';
import type { PreparedMessage } from '../core/prepare-message.js';

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
  /**
   * The claim's FETCH of flags also reads each candidate's first bytes up to this many: a message no larger is then
   * in hand when it reaches Processing (no body FETCH there). Absent: flags only.
   */
  readonly bodyBytes?: number;
  /**
   * Stage 1 of the pipeline (`Pipeline.prepare`), started for a fresh claim in hand as soon as the compare-and-set
   * won it, so that its parse runs while it is MOVEd; nothing is committed before it is in Processing (C1).
   */
  readonly prepare?: (body: Buffer) => Promise<PreparedMessage>;
  readonly onStep?: OnIntakeStep;
};

/**
 * A message this round moved into Processing, as the claim last read it: its UID there (the MOVE's COPYUID), its
 * size and flags (a MOVE keeps flags; try keywords left out) and, when small, its bytes, so processing it needs no
 * FETCH of its own for them.
 * `firstTryCounted`: the claim's own STORE already set `$CrmAttempt1` on it, so its first try needs no STORE.
 */
export type ClaimedMessage = {
  readonly uid: number;
  readonly size?: number;
  readonly flags: ReadonlySet<string>;
  readonly firstTryCounted: boolean;
  /** The whole message, read by the claim (`bodyBytes`). */
  readonly body?: Buffer;
  /** Its stage 1, started by the claim (`ClaimContext.prepare`). */
  readonly prepared?: Promise<PreparedMessage>;
};

/** What a claim round took: `count` messages; `claims` when the server said where they went (UIDPLUS). */
export type ClaimRound = {
  readonly count: number;
  readonly claims?: { readonly uidValidity: string; readonly messages: ReadonlyArray<ClaimedMessage> };
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
export async function claimMessages(ctx: ClaimContext): Promise<ClaimRound> {
  const { client } = ctx;
  // The watched folder stays selected while the intake waits (IDLE runs there): no SELECT again then. Its
  // `exists` may be stale then without IDLE (a fallback poll): a count of 0 is trusted only from a fresh SELECT,
  // and otherwise the SEARCH asks the server (which tells of new messages as it answers).
  const selected = selectedMailbox(client, ctx.watched);
  const mailbox = selected ?? (await client.mailboxOpen(ctx.watched));
  const validity = String(mailbox.uidValidity);
  if (selected === undefined && mailbox.exists === 0) {
    forgetGone(ctx.notMine, validity, []);
    return { count: 0 };
  }
  const canCompareAndSet = client.enabled.has('CONDSTORE') && !mailbox.noModseq;
  // Every candidate's flags, read once: shared mode reads them with its headers.
  const candidates: ReadonlyArray<FlagsRead> =
    ctx.belongsTo === undefined && ctx.notMine.size === 0 && mailbox.exists > 0
      ? // Nothing to pass over: the oldest messages are the first by sequence number, no SEARCH needed.
        await readFlags(client, `1:${Math.min(mailbox.exists, ctx.batchSize)}`, ctx.bodyBytes, false)
      : await searchCandidates(ctx, mailbox.uidValidity);
  if (candidates.length === 0) {
    return { count: 0 };
  }
  const { batch, firstTryCounted } = canCompareAndSet
    ? await compareAndSetClaims(ctx, candidates, validity, canKeepKeywords(mailbox.permanentFlags))
    : { batch: candidates, firstTryCounted: new Set<number>() };
  if (batch.length === 0) {
    return { count: 0 };
  }
  const wholeBody = (message: FlagsRead): Buffer | undefined =>
    message.size !== undefined && message.head?.length === message.size ? message.head : undefined;
  const prepared = new Map<number, Promise<PreparedMessage>>();
  for (const message of batch) {
    const body = wholeBody(message);
    if (ctx.prepare !== undefined && body !== undefined && firstTryCounted.has(message.uid)) {
      prepared.set(message.uid, observed(ctx.prepare(body)));
    }
  }
  const moving = batch.map((message) => message.uid);
  await clearEarlierTries(
    client,
    batch.filter((message) => !firstTryCounted.has(message.uid)),
  );
  const moved = await client.messageMove(moving.join(','), ctx.processing, { uid: true });
  if (!moved) {
    return { count: 0 };
  }
  const uidMap = moved.uidMap ?? (client.capabilities.has('UIDPLUS') ? new Map<number, number>() : undefined);
  if (!uidMap || moved.uidValidity === undefined) {
    // Without UIDPLUS nothing says what was moved; Processing is drained next anyway.
    return { count: batch.length };
  }
  const messages: ClaimedMessage[] = [];
  for (const message of batch) {
    const uid = uidMap.get(message.uid);
    if (uid !== undefined) {
      const body = wholeBody(message);
      const staged = prepared.get(message.uid);
      messages.push({
        uid,
        ...(message.size === undefined ? {} : { size: message.size }),
        ...(body === undefined ? {} : { body }),
        ...(staged === undefined ? {} : { prepared: staged }),
        flags: new Set([...(message.flags ?? [])].filter((flag) => !isTryKeyword(flag))),
        firstTryCounted: firstTryCounted.has(message.uid),
      });
      ctx.onStep?.('claimed', { uid, folder: ctx.processing });
    }
  }
  return { count: messages.length, claims: { uidValidity: String(moved.uidValidity), messages } };
}

/** A watched message as a FETCH of its flags read it (absent fields: not read). */
type FlagsRead = {
  readonly uid: number;
  readonly flags?: ReadonlySet<string>;
  readonly modseq?: bigint;
  readonly size?: number;
  /** The message's first `bodyBytes` bytes (all of it when it is no larger). */
  readonly head?: Buffer;
};

/** The candidates a SEARCH of the whole folder finds, minus those remembered as not this companion's. */
async function searchCandidates(ctx: ClaimContext, uidValidity: bigint): Promise<FlagsRead[]> {
  const validity = String(uidValidity);
  const uids = (await ctx.client.search({ all: true }, { uid: true })) || [];
  forgetGone(ctx.notMine, validity, uids);
  const open = uids.filter((uid) => !ctx.notMine.has(`${validity}:${uid}`));
  return ctx.belongsTo
    ? findOwn(ctx, open, validity)
    : readFlags(ctx.client, open.slice(0, ctx.batchSize), ctx.bodyBytes);
}

/** Flags, size and (`bodyBytes`) first bytes of the messages named by UID, or by sequence numbers (`byUid` false). */
async function readFlags(
  client: ImapFlow,
  messagesToRead: ReadonlyArray<number> | string,
  bodyBytes?: number,
  byUid = true,
): Promise<FlagsRead[]> {
  if (messagesToRead.length === 0) {
    return [];
  }
  const messages = await client.fetchAll(
    typeof messagesToRead === 'string' ? messagesToRead : messagesToRead.join(','),
    {
      uid: true,
      flags: true,
      size: true,
      ...(bodyBytes === undefined ? {} : { source: { start: 0, maxLength: bodyBytes } }),
    },
    { uid: byUid },
  );
  return messages
    .map(({ source, ...read }) => ({ ...read, ...(source ? { head: source } : {}) }))
    .sort((a, b) => a.uid - b.uid);
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
async function clearEarlierTries(client: ImapFlow, messages: ReadonlyArray<FlagsRead>): Promise<void> {
  const stale = new Set<string>();
  const uids: number[] = [];
  for (const message of messages) {
    const tries = [...(message.flags ?? [])].filter(isTryKeyword);
    tries.forEach((flag) => stale.add(flag));
    if (tries.length > 0) {
      uids.push(message.uid);
    }
  }
  if (stale.size > 0) {
    await client.messageFlagsRemove(uids.join(','), [...stale], { uid: true });
  }
}

/**
 * One `UID STORE … (UNCHANGEDSINCE m)` for the whole batch, `m` the highest modseq read: a MODSEQ is the mailbox's
 * own counter (RFC 7162 §3.1.1), so any change made after the read, another companion's claim included, gives its
 * message a modseq above every one read, and the store skips exactly those. The STORE's own untagged FETCH answers
 * (RFC 3501 §6.4.6: sent for each message it changed, the STORE not being `.SILENT`) say which messages now carry
 * this companion's keyword, and with which flags; only a message the server said nothing about is read again.
 *
 * A message with no try keywords also gets `$CrmAttempt1` in that STORE, where the folder keeps keywords: the
 * keyword of its first try, set before the try as C1 wants, without a STORE of its own in Processing. A crash
 * between this claim and that try then counts one try that never ran (the price: one of `maxAttempts`). A message
 * that carries keywords of an earlier claim gets only the claim keyword, and `clearEarlierTries` clears them.
 */
async function compareAndSetClaims(
  ctx: ClaimContext,
  before: ReadonlyArray<FlagsRead>,
  validity: string,
  keepsKeywords: boolean,
): Promise<{ batch: FlagsRead[]; firstTryCounted: ReadonlySet<number> }> {
  const { client } = ctx;
  const keyword = claimKeywordFor(ctx.processing);
  const claimed = (flags: ReadonlySet<string> | undefined): string | undefined =>
    [...(flags ?? [])].find((flag) => flag.startsWith(claimKeywordPrefix));
  /** Free messages with no try keywords (they get the first try's too), and the other free ones. */
  const fresh: number[] = [];
  const rest: number[] = [];
  let highest: bigint | undefined;
  for (const message of before) {
    const holder = claimed(message.flags);
    if (holder === undefined && message.modseq !== undefined) {
      const hasTries = [...(message.flags ?? [])].some(isTryKeyword);
      (keepsKeywords && !hasTries ? fresh : rest).push(message.uid);
      highest = highest === undefined || message.modseq > highest ? message.modseq : highest;
    } else if (holder !== undefined && holder !== keyword) {
      ctx.notMine.add(`${validity}:${message.uid}`);
    }
  }
  const answered = await storeHearingFlags(client, ctx.watched, async () => {
    for (const [uids, keywords] of [
      [fresh, [keyword, attemptKeyword(1)]],
      [rest, [keyword]],
    ] as const) {
      if (uids.length > 0 && highest !== undefined) {
        await client.messageFlagsAdd(uids.join(','), [...keywords], { uid: true, unchangedSince: highest });
      }
    }
  });
  const stored = new Set([...fresh, ...rest]);
  const unheard = before.filter((message) => stored.has(message.uid) && !answered.has(message.uid));
  const reread = new Map(
    (
      await readFlags(
        client,
        unheard.map((message) => message.uid),
      )
    ).map((m) => [m.uid, m]),
  );
  const after = before.map((message): FlagsRead => {
    const flags = answered.get(message.uid) ?? reread.get(message.uid)?.flags;
    return stored.has(message.uid)
      ? { ...message, ...(flags ? { flags } : { flags: new Set<string>() }) }
      : message;
  });
  const batch = after.filter((message) => message.flags?.has(keyword));
  const firstTry = attemptKeyword(1);
  return {
    batch,
    firstTryCounted: new Set(
      batch
        .filter((message) => fresh.includes(message.uid) && message.flags?.has(firstTry))
        .map((message) => message.uid),
    ),
  };
}

/** Runs `store` and returns the flags the server's untagged FETCH answers gave meanwhile, by UID, for `folder`. */
async function storeHearingFlags(
  client: ImapFlow,
  folder: string,
  store: () => Promise<void>,
): Promise<ReadonlyMap<number, ReadonlySet<string>>> {
  const heard = new Map<number, ReadonlySet<string>>();
  const onFlags = (event: { path: string; uid?: number; flags?: Set<string> }): void => {
    if (event.path === folder && event.uid !== undefined && event.flags !== undefined) {
      heard.set(event.uid, event.flags);
    }
  };
  client.on('flags', onFlags);
  try {
    await store();
  } finally {
    client.off('flags', onFlags);
  }
  return heard;
}

async function findOwn(
  ctx: ClaimContext,
  uids: ReadonlyArray<number>,
  validity: string,
): Promise<FlagsRead[]> {
  const belongsTo = ctx.belongsTo;
  const own: FlagsRead[] = [];
  for (let start = 0; start < uids.length && own.length < ctx.batchSize && belongsTo; start += headerSlice) {
    const slice = uids.slice(start, start + headerSlice);
    const messages = await ctx.client.fetchAll(
      slice.join(','),
      { uid: true, flags: true, headers: [...claimHeaderNames] },
      { uid: true },
    );
    for (const message of messages.sort((a, b) => a.uid - b.uid)) {
      if (own.length >= ctx.batchSize) {
        break;
      }
      if (belongsTo(readClaimHeaders(message.headers ?? ''))) {
        own.push(message);
      } else {
        ctx.notMine.add(`${validity}:${message.uid}`);
      }
    }
  }
  return own;
}
