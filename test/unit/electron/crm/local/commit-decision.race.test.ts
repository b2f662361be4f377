import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalStore } from '../../../../../electron/crm/local/open-local-store.js';
import type { LogResult } from '#shared/model/log-result.js';
import { makeTempDir, removeTempDirs } from '../helpers/temp-store.js';

afterEach(removeTempDirs);

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../../../..');
const childScript = path.join(here, '..', 'helpers', 'commit-race-child.ts');
const competitors = 4;

type Competitor = {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  ready: Promise<void>;
  done: Promise<number>;
};

function startCompetitor(dir: string, n: number): Competitor {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, dir, String(n)], { cwd: repoRoot });
  const lines: string[] = [];
  let stderr = '';
  let buffered = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) {
      if (line === 'ready') {
        markReady();
      } else if (line !== '') {
        lines.push(line);
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<number>((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0 ? resolve(code) : reject(new Error(`competitor ${n} exited ${code}: ${stderr}`)),
    ),
  );
  // A competitor that dies before `ready` must fail the test, not hang it.
  void done.catch(() => markReady());
  return { child, lines, ready, done };
}

describe('R2 under concurrent writers (separate processes, separate connections)', () => {
  it('logs a message committed by several processes at once exactly once; the others are duplicates, nothing is lost', async () => {
    const dir = makeTempDir(); // a brand-new store: the competitors also race to create and migrate it
    const all = Array.from({ length: competitors }, (_, n) => startCompetitor(dir, n));
    await Promise.all(all.map((c) => c.ready));
    all.forEach((c) => c.child.stdin.write('go\n'));
    await Promise.all(all.map((c) => c.done));

    const results = all.flatMap((c) => c.lines.map((line) => JSON.parse(line) as LogResult));
    const sharedResults = results.filter((r) => r.messageId?.startsWith('<copy-'));
    expect(sharedResults.filter((r) => r.status === 'logged')).toHaveLength(1);
    const winner = sharedResults.find((r) => r.status === 'logged');
    const duplicates = sharedResults.filter((r) => r.status === 'duplicate');
    expect(duplicates).toHaveLength(competitors - 1);
    for (const d of duplicates) {
      expect(d).toMatchObject({
        duplicateOf: winner?.messageId,
        reasons: [],
        contacts: [],
        deals: [],
        companies: [],
      });
    }
    // Every competitor's own message is logged: waiting for the lock loses nothing.
    expect(results.filter((r) => r.messageId?.startsWith('<own-')).map((r) => r.status)).toEqual(
      Array(competitors).fill('logged'),
    );
    // The contact every competitor planned to create was created once.
    expect(results.filter((r) => r.contacts.some((c) => c.created))).toHaveLength(1);

    const store = openLocalStore(dir);
    expect(store.listResults()).toHaveLength(competitors * 2);
    store.close();
    const db = new Database(path.join(dir, 'crm.sqlite'), { readonly: true });
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM emails')).toBe(competitors + 1);
    expect(
      count("SELECT count(*) AS n FROM identity_keys WHERE key IN ('<shared@corp.example>', 'ck1:shared')"),
    ).toBe(2);
    expect(count("SELECT count(*) AS n FROM contacts WHERE email = 'new.person@globex.example'")).toBe(1);
    expect(count('SELECT count(*) AS n FROM outbox')).toBe(competitors + 1);
    db.close();
  }, 60_000);
});
