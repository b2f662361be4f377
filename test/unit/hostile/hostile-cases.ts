import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { ParseLimits } from '../../../electron/core/limits.js';
import type { LogResult, LogStatus } from '#shared/model/log-result.js';
import { generators } from './generate-hostile.js';

/** The hostile corpus's table (test/fixtures/hostile/cases.json), typed, with what the tests share. */

export const hostileDir = new URL('../../fixtures/hostile/', import.meta.url);
export const samplesCrm = new URL('../../../samples/CRM.json', import.meta.url);

export type HostileExpectation = {
  readonly status: LogStatus;
  readonly reasons: ReadonlyArray<string>;
  readonly owner: string | null;
  readonly contacts: ReadonlyArray<string>;
  readonly contactCount?: number;
  readonly subject?: string;
  readonly subjectLength?: number;
  readonly date?: null;
  readonly duplicateOf?: string;
  readonly attachments?: ReadonlyArray<readonly [string, number]>;
  readonly dropped?: ReadonlyArray<readonly [string, number]>;
  readonly skipped?: ReadonlyArray<readonly [string, string]>;
};

export type HostileCase = {
  readonly file?: string;
  readonly generate?: string;
  readonly expect: HostileExpectation;
  readonly why: string;
  readonly limits?: Partial<ParseLimits>;
  readonly cli?: boolean;
};

export function loadCases(): ReadonlyArray<HostileCase> {
  const table = JSON.parse(readFileSync(new URL('cases.json', hostileDir), 'utf8')) as {
    cases: HostileCase[];
  };
  return table.cases;
}

export function caseName(kase: HostileCase): string {
  return kase.file ?? kase.generate ?? '?';
}

/** The input of a case: the fixture's bytes, or a fresh generated buffer or stream. */
export function caseInput(kase: HostileCase): Buffer | Readable {
  if (kase.file !== undefined) {
    return readFileSync(new URL(kase.file, hostileDir));
  }
  const generate = kase.generate === undefined ? undefined : generators[kase.generate];
  if (generate === undefined) {
    throw new Error(`cases.json: no generator ${String(kase.generate)}`);
  }
  return generate();
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Whether a rejection is R3's quarantine (the message could not be read) rather than a refusal by the rules. */
export function isQuarantine(result: Pick<LogResult, 'reasons'>): boolean {
  return result.reasons.some((r) => ['malformed-message', 'message-too-large', 'parse-timeout'].includes(r));
}

/** The parts of a result a case's expectation fixes, in the expectation's own shape (one toEqual). */
export function observed(result: LogResult, expected: HostileExpectation): HostileExpectation {
  return {
    status: result.status,
    reasons: [...result.reasons].sort(),
    owner: result.owner,
    contacts: expected.contactCount === undefined ? result.contacts.map((c) => c.email) : expected.contacts,
    ...(expected.contactCount === undefined ? {} : { contactCount: result.contacts.length }),
    ...(expected.subject === undefined ? {} : { subject: result.email?.subject ?? '' }),
    ...(expected.subjectLength === undefined ? {} : { subjectLength: result.email?.subject.length ?? -1 }),
    ...('date' in expected
      ? { date: (result.email === undefined ? 'missing' : result.email.date) as null }
      : {}),
    ...(expected.duplicateOf === undefined ? {} : { duplicateOf: result.duplicateOf ?? '' }),
    attachments: result.attachments.logged.map((a) => [a.filename, a.size] as const),
    dropped: result.attachments.dropped.map((a) => [a.filename, a.size] as const),
    skipped: result.skippedRecipients.map((s) => [s.email, s.reason] as const),
  };
}

export function normalized(expected: HostileExpectation): HostileExpectation {
  return {
    ...expected,
    reasons: [...expected.reasons].sort(),
    attachments: expected.attachments ?? [],
    dropped: expected.dropped ?? [],
    skipped: expected.skipped ?? [],
  };
}

/** Every file under `dir` (absolute paths). */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => !e.isDirectory()).map((e) => path.join(e.parentPath, e.name));
}

/** Where the traversal file names of the corpus would land if anything ever used them as paths. */
export function escapedFiles(base: string): string[] {
  const names = [
    'hostile-escape-unix.txt',
    'hostile-escape',
    'hostile.bat',
    'hostile-2231.txt',
    'hostile.lnk',
  ];
  const folders = ['/tmp', '/etc/cron.d', base, path.dirname(base), path.dirname(path.dirname(base))];
  return folders
    .flatMap((folder) => names.map((name) => path.join(folder, name)))
    .filter((f) => existsSync(f));
}

/** Outcome counts for the closing note: logged, quarantined (R3), refused by the rules, duplicate, skipped. */
export type Tally = Record<'inputs' | 'logged' | 'quarantined' | 'refused' | 'duplicate' | 'skipped', number>;

export function emptyTally(): Tally {
  return { inputs: 0, logged: 0, quarantined: 0, refused: 0, duplicate: 0, skipped: 0 };
}

export function count(tally: Tally, result: Pick<LogResult, 'status' | 'reasons'>): void {
  tally.inputs += 1;
  if (result.status === 'rejected') {
    tally[isQuarantine(result) ? 'quarantined' : 'refused'] += 1;
  } else {
    tally[result.status] += 1;
  }
}
