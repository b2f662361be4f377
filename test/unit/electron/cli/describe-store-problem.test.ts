import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeStoreProblem } from '../../../../electron/cli/describe-store-problem.js';

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-store-problem-'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('describeStoreProblem', () => {
  it('finds nothing in the way of a folder that exists, or of one that can be created', () => {
    expect(describeStoreProblem(root)).toBeNull();
    expect(describeStoreProblem(path.join(root, 'new', 'deeper'))).toBeNull();
  });

  it('says when the store is a file, or a file stands where a folder above it should be', () => {
    const file = path.join(root, 'a-file');
    fs.writeFileSync(file, '');
    expect(describeStoreProblem(file)).toBe(
      `${file} is a file, not a folder: give --store a folder (it is created if missing)`,
    );
    expect(describeStoreProblem(path.join(file, 'store', 'x'))).toBe(
      `${file} is a file, so the store ${path.join(file, 'store', 'x')} cannot be created below it: give --store a folder`,
    );
  });
});
