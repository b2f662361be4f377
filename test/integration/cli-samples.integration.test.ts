import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparableLogResult, comparablePair, formatProblems } from './support/comparable-log-result.js';
import type { CliRun } from './support/run-cli.js';
import { jsonLines, repoRoot, runCli } from './support/run-cli.js';

/**
 * The samples of `samples/` through the real CLI, compared with expectations written by hand from the rules
 * (docs/rules.md) before the code ran (`samples/expected/*.json`; how they are compared: samples/README.md and
 * ./support/comparable-log-result.ts). Files are passed in this order, in one fresh store: later samples see
 * the contacts earlier ones created, and 13 is the duplicate of 12.
 */
const samples: ReadonlyArray<{ readonly name: string; readonly rules: string; readonly shows: string }> = [
  {
    name: '01-bcc-existing-contact',
    rules: 'B1 B3 B4 B7',
    shows: 'logs a BCC from an alias to an existing contact with its company and five newest open deals',
  },
  {
    name: '02-bcc-new-recipient',
    rules: 'B4 B7',
    shows: 'creates a new recipient and links it to the company of its domain',
  },
  {
    name: '03-bcc-mixed-recipients',
    rules: 'B4 B5',
    shows: 'skips internal, never-log, logging-address and Bcc recipients and lists each with its reason',
  },
  {
    name: '04-bcc-no-loggable-recipients',
    rules: 'B6',
    shows: 'skips a BCC when no loggable recipient is left',
  },
  {
    name: '05-bcc-reply-all-from-contact',
    rules: 'B1 N1',
    shows: 'rejects a contact replying all to the BCC address, without a notice outside the account',
  },
  {
    name: '06-bcc-token-mismatch',
    rules: 'B2 N1',
    shows: "rejects a message to another user's tokenized BCC address and lists a notice to its sender",
  },
  {
    name: '07-bcc-japanese-iso-2022-jp',
    rules: 'B3 B4 B7',
    shows: 'logs an ISO-2022-JP message, creating the Japanese recipient and associating the Cc contact',
  },
  {
    name: '08-fwd-gmail-new-sender',
    rules: 'F1 F2 F5 F6 F7',
    shows:
      'logs a Gmail forward as incoming from a new original sender, dated by the zone-less original date',
  },
  {
    name: '09-fwd-outlook-existing-contact',
    rules: 'F1 F2 F5 F7',
    shows: 'logs an Outlook forward from an existing contact with its company and open deals',
  },
  {
    name: '10-fwd-thunderbird-never-log-sender',
    rules: 'F6',
    shows: 'skips a forward whose original sender is on the never-log list',
  },
  {
    name: '11-fwd-no-forwarded-block',
    rules: 'F3 N1',
    shows: 'rejects a forward without a forwarded block and lists a notice to the forwarder',
  },
  {
    name: '12-bcc-duplicate-first',
    rules: 'B3 B7 R2',
    shows: 'logs the first copy of a message delivered twice',
  },
  {
    name: '13-bcc-duplicate-redelivered',
    rules: 'R2',
    shows: 'reports the second copy of the same Message-ID as a duplicate of the first',
  },
  {
    name: '14-bcc-small-attachment',
    rules: 'B3 B4 B7',
    shows: "logs an attachment with its sha256 and ignores another user's personal never-log list",
  },
  {
    name: '15-bcc-attachment-over-limit',
    rules: 'B8 N1',
    shows: 'drops an attachment over the limit, logs the rest and lists a notice to the sender',
  },
  {
    name: '16-bcc-private-address',
    rules: 'B1',
    shows: "rejects a user's private address even with the user's display name",
  },
];

const TIMEOUT = 60_000;
const files = samples.map((s) => `samples/${s.name}.eml`);
const stores: string[] = [];

function freshStore(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-'));
  stores.push(dir);
  return dir;
}

function logArgs(store: string): ReadonlyArray<string> {
  return ['log', ...files, '--store', store, '--crm', 'samples/CRM.json', '--json'];
}

function expected(name: string): Record<string, unknown> {
  const text = fs.readFileSync(path.join(repoRoot, 'samples', 'expected', `${name}.json`), 'utf8');
  return JSON.parse(text) as Record<string, unknown>;
}

/** The printed results of a run that must have succeeded, one per file. */
function resultsOf(run: CliRun): ReadonlyArray<Record<string, unknown>> {
  expect(
    run.stderr.split('\n').filter((l) => /^\s+at /.test(l)),
    'stack trace on stderr',
  ).toEqual([]);
  expect(run.code, `exit code (stderr: ${run.stderr.trim()})`).toBe(0);
  const lines = jsonLines(run);
  expect(lines.length, 'one JSON line per file').toBe(files.length);
  return lines;
}

function stderrLines(run: CliRun): ReadonlyArray<string> {
  return run.stderr.split(/\r?\n/).filter((line) => line.trim() !== '');
}

afterAll(() => {
  for (const dir of stores) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** The Subject and Date of a sample as written in its header (plain ASCII in the samples read here). */
function headerOf(file: string): { readonly subject: string; readonly date: string } {
  const head = fs.readFileSync(path.join(repoRoot, file), 'utf8').split(/\r?\n\r?\n/)[0] ?? '';
  const field = (name: string): string =>
    new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head.replace(/\r?\n[ \t]+/g, ' '))?.[1]?.trim() ?? '';
  return { subject: field('Subject'), date: field('Date') };
}

describe('crm-mail-logger log --json on samples/', () => {
  let store = '';
  let run: CliRun = { code: -1, stdout: '', stderr: 'not run' };

  beforeAll(async () => {
    store = freshStore();
    run = await runCli(logArgs(store));
  }, TIMEOUT);

  it(
    '§7: prints one JSON object per file, one per line, in the order given, each naming its file',
    () => {
      const results = resultsOf(run);
      expect(results.map((r) => r['file'])).toEqual(files);
    },
    TIMEOUT,
  );

  samples.forEach((sample, index) => {
    it(
      `${sample.rules}: ${sample.name} ${sample.shows}`,
      () => {
        const actual = resultsOf(run)[index] ?? {};
        expect(formatProblems(actual)).toEqual([]);
        const pair = comparablePair(actual, expected(sample.name));
        expect(pair.actual).toEqual(pair.expected);
      },
      TIMEOUT,
    );
  });

  it(
    '§7: a rejected or skipped result keeps the subject, sender and date of its mail',
    () => {
      const refused = resultsOf(run).filter((r) => r['status'] === 'rejected' || r['status'] === 'skipped');
      expect(refused.length).toBeGreaterThan(0);
      for (const result of refused) {
        const email = result['email'] as Record<string, unknown> | undefined;
        // A forward that was read is summarised by its original; anything else by the mail itself.
        const header = email?.['source'] === 'message' ? headerOf(String(result['file'])) : null;
        expect(email, String(result['file'])).toEqual(
          expect.objectContaining({
            subject: header?.subject ?? (expect.stringMatching(/\S/) as string),
            from: expect.stringContaining('@') as string,
            date: header === null ? (expect.any(String) as string) : new Date(header.date).toISOString(),
          }),
        );
      }
    },
    TIMEOUT,
  );

  it(
    '§7: the tables of log and results show the subject of a rejected mail, never its file name',
    async () => {
      const table = await runCli(['results', '--store', store]);
      expect(table.code, `exit code (stderr: ${table.stderr.trim()})`).toBe(0);
      const rejected = ['samples/05-bcc-reply-all-from-contact.eml', 'samples/11-fwd-no-forwarded-block.eml'];
      const lines = await runCli(['log', ...rejected, '--store', freshStore(), '--crm', 'samples/CRM.json']);
      for (const file of rejected) {
        const subject = headerOf(file).subject;
        const row = table.stdout.split('\n').find((line) => line.includes(subject.slice(0, 30)));
        expect(row, `a results row with the subject of ${file}`).toEqual(expect.stringContaining('rejected'));
        expect(table.stdout).not.toContain(path.basename(file).slice(0, 20));
        const logLine = lines.stdout.split('\n').find((line) => line.startsWith(`${file}:`));
        expect(logLine).toEqual(expect.stringContaining(JSON.stringify(subject)));
      }
    },
    TIMEOUT,
  );

  it(
    '§7: results --json lists the same results, oldest first',
    async () => {
      const logged = resultsOf(run);
      const listed = await runCli(['results', '--store', store, '--json']);
      expect(listed.code, `exit code (stderr: ${listed.stderr.trim()})`).toBe(0);
      expect(jsonLines(listed).map(comparableLogResult)).toEqual(logged.map(comparableLogResult));
    },
    TIMEOUT,
  );
});

describe('crm-mail-logger log run twice on the same store', () => {
  it(
    'R2: every logged email is a duplicate the second time; rejected and skipped results never block a later message',
    async () => {
      const store = freshStore();
      const first = resultsOf(await runCli(logArgs(store)));
      const second = resultsOf(await runCli(logArgs(store)));
      // The first run must look like the expectations, or this test would prove nothing.
      expect(first.map((r) => r['status'])).toEqual(samples.map((s) => expected(s.name)['status']));
      first.forEach((before, i) => {
        const after = comparableLogResult(second[i] ?? {});
        const label = String(before['file']);
        if (before['status'] === 'logged' || before['status'] === 'duplicate') {
          expect(
            {
              status: after['status'],
              duplicateOf: after['duplicateOf'],
              contacts: after['contacts'],
              companies: after['companies'],
              deals: after['deals'],
              logged: (after['attachments'] as { logged: unknown }).logged,
            },
            label,
          ).toEqual({
            status: 'duplicate',
            duplicateOf: before['messageId'],
            contacts: [],
            companies: [],
            deals: [],
            logged: [],
          });
        } else {
          const again = comparableLogResult(before);
          expect({ status: after['status'], reasons: after['reasons'] }, label).toEqual({
            status: again['status'],
            reasons: again['reasons'],
          });
        }
      });
    },
    TIMEOUT * 2,
  );
});

describe('crm-mail-logger log with bad input', () => {
  it(
    '§7: a file that does not exist gives a one-line error naming it, a non-zero exit and no stack trace',
    async () => {
      const store = freshStore();
      const missing = 'samples/no-such-message.eml';
      // A private copy: the repository's samples/CRM.json is readable by others, which adds a warning line.
      const crm = path.join(store, 'CRM.json');
      fs.copyFileSync(path.join(repoRoot, 'samples', 'CRM.json'), crm);
      fs.chmodSync(crm, 0o600);
      const result = await runCli(['log', missing, '--store', store, '--crm', crm, '--json']);
      expect(result.code).not.toBe(0);
      const lines = stderrLines(result);
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toContain('no-such-message.eml');
      expect(lines[0]).not.toMatch(/^\s+at /);
    },
    TIMEOUT,
  );

  it(
    '§7: an unknown flag gives a one-line usage error and a non-zero exit',
    async () => {
      const store = freshStore();
      const result = await runCli([
        'log',
        'samples/01-bcc-existing-contact.eml',
        '--store',
        store,
        '--json',
        '--frobnicate',
      ]);
      expect(result.code).not.toBe(0);
      const lines = stderrLines(result);
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toContain('--frobnicate');
      expect(lines[0]).not.toMatch(/^\s+at /);
      expect(result.stdout.trim(), 'nothing logged').toBe('');
    },
    TIMEOUT,
  );
});
