import { chmod, copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogResult } from '#shared/model/log-result.js';
import {
  caseInput,
  caseName,
  count,
  emptyTally,
  escapedFiles,
  loadCases,
  normalized,
  observed,
  samplesCrm,
} from '../unit/hostile/hostile-cases.js';
import { jsonLines, repoRoot, runCli } from './support/run-cli.js';

/**
 * the corpus's `cli: true` cases through the real CLI as a child process (docs/rules.md#results `log --json`): exit
 * code 0, one JSON line per file in the order given, each with its expected outcome, and nothing written outside
 * the store folder.
 */

const cases = loadCases().filter((c) => c.cli === true);
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'crm-mail-logger-hostile-cli-'));
  await mkdir(path.join(root, 'in'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the hostile corpus through the CLI (R3, B1, docs/rules.md#results)', () => {
  it('logs every file, one JSON line each, with the expected outcomes, and writes only into the store', async () => {
    const files: string[] = [];
    for (const kase of cases) {
      const input = caseInput(kase);
      if (!Buffer.isBuffer(input)) {
        throw new Error(`${caseName(kase)}: a streamed case cannot be a CLI case`);
      }
      const file = path.join(root, 'in', caseName(kase).replace(/\.eml$/, '') + '.eml');
      await writeFile(file, input);
      files.push(file);
    }
    const store = path.join(root, 'store');
    const before = await readdir(path.join(root, 'in'));

    // A private copy: the repository's samples/CRM.json is readable by others, which adds a warning line.
    const crm = path.join(store, 'CRM.json');
    await mkdir(store);
    await copyFile(fileURLToPath(samplesCrm), crm);
    await chmod(crm, 0o600);
    const run = await runCli(['log', ...files, '--store', store, '--crm', crm, '--json']);

    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const lines = jsonLines(run) as unknown as LogResult[];
    expect(lines.map((l) => l.file)).toEqual(files);
    const tally = emptyTally();
    lines.forEach((result, i) => {
      const kase = cases[i];
      if (kase === undefined) {
        throw new Error('more lines than files');
      }
      count(tally, result);
      expect({ case: caseName(kase), ...observed(result, kase.expect) }).toEqual({
        case: caseName(kase),
        ...normalized(kase.expect),
      });
    });
    console.log(`hostile corpus, CLI child process: ${JSON.stringify(tally)}`);
    // Nothing new beside the store: the inputs folder is as it was, the root holds only `in` and `store`.
    expect(await readdir(path.join(root, 'in'))).toEqual(before);
    expect((await readdir(root)).sort()).toEqual(['in', 'store']);
    expect(escapedFiles(repoRoot)).toEqual([]);
  });
});
