import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { apiFailure } from '#shared/api/api-error.js';
import type { CompanionService, MethodOutput } from '#shared/api/companion-api.js';
import type { LogResult } from '#shared/model/log-result.js';
import { createParsePool } from '../core/parse-pool.js';
import { importPath } from '../intake/folder-intake.js';
import type { Companion } from './start-companion.js';

type ImportJob = MethodOutput<'getImport'>;
type ImportMethods = Pick<CompanionService, 'startImport' | 'getImport'>;

/** How often a running import reports progress (events and the results it committed). */
const progressEveryMs = 500;

/**
 * Back-fill from the window (C1's `import`, docs/api.md "Imports"): the CLI's `importPath` with its parse pool,
 * run as a job in the background. Progress goes out as `import` events, and the results as `result` events.
 */
export function createImportJobs(companion: Companion): ImportMethods & { settled(): Promise<void> } {
  const jobs = new Map<string, ImportJob>();
  const running = new Set<Promise<void>>();

  function update(id: string, patch: Partial<ImportJob>): void {
    const job = { ...(jobs.get(id) as ImportJob), ...patch };
    jobs.set(id, job);
    companion.events.emit({ type: 'import', job });
  }

  async function run(id: string, target: string): Promise<void> {
    const pool = createParsePool({ stage: companion.pipeline, blobSync: true });
    let last: LogResult | null = null;
    const counts = { logged: 0, skipped: 0, rejected: 0, duplicate: 0 };
    let reportedAt = 0;
    try {
      const summary = await importPath(target, companion.pipeline, {
        pool,
        onResult: (result) => {
          last = result;
          counts[result.status]++;
        },
        onProgress: (p) => {
          const now = Date.now();
          if (now - reportedAt >= progressEveryMs && last !== null) {
            reportedAt = now;
            companion.afterCommit(last);
            update(id, { done: p.count, total: p.total, counts: { ...counts } });
          }
        },
      });
      if (last !== null) {
        companion.afterCommit(last);
      }
      update(id, { state: 'done', done: summary.count, counts: { ...summary.byStatus } });
    } catch (error) {
      update(id, { state: 'failed', error: error instanceof Error ? error.message : String(error) });
    } finally {
      await pool.close();
    }
  }

  return {
    async startImport({ path: given }) {
      const target = path.resolve(given);
      try {
        await stat(target);
      } catch {
        return apiFailure(
          'INPUT.INVALID',
          `path: cannot read ${target} (no such file or folder, or no access).`,
        );
      }
      const id = randomBytes(8).toString('hex');
      const job: ImportJob = {
        id,
        path: target,
        state: 'running',
        done: 0,
        total: null,
        counts: { logged: 0, skipped: 0, rejected: 0, duplicate: 0 },
        error: null,
      };
      jobs.set(id, job);
      const task = run(id, target);
      running.add(task);
      void task.finally(() => running.delete(task));
      return { ok: true, value: job };
    },
    async getImport({ id }) {
      const job = jobs.get(id);
      return job === undefined
        ? apiFailure('NOT_FOUND', `There is no import ${id}.`)
        : { ok: true, value: job };
    },
    async settled() {
      await Promise.all([...running]);
    },
  };
}
