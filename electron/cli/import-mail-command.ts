import { stat } from 'node:fs/promises';
import { createParsePool } from '../core/parse-pool.js';
import { importPath } from '../intake/folder-intake.js';
import { usageError } from './cli-error.js';
import type { CliOutput } from './cli-output.js';
import { describeIoError, importCrmFile } from './import-crm-file.js';
import { openCliStore, requireUsers } from './open-cli-store.js';
import { createProgressBar } from './progress-bar.js';
import { parseCommandArgs, stringOption } from './parse-command-args.js';

/**
 * `import PATH [--store DIR] [--crm CRM.json]` (C1's back-fill): a folder of .eml files, a Maildir or an mbox
 * file through the same pipeline as the mailbox, with a progress bar on stderr and a summary at the end.
 */
export async function runImportMailCommand(args: ReadonlyArray<string>, out: CliOutput): Promise<number> {
  const parsed = parseCommandArgs('import', args, { store: { type: 'string' }, crm: { type: 'string' } });
  const [target, ...extra] = parsed.positionals;
  if (target === undefined || extra.length > 0) {
    throw usageError('usage: import PATH (a folder of .eml files, a Maildir or an mbox file) [--store DIR]');
  }
  try {
    await stat(target);
  } catch (error) {
    out.error(`cannot read ${target}: ${describeIoError(error)}`);
    return 1;
  }
  const opened = openCliStore(stringOption(parsed, 'store'));
  try {
    const crm = stringOption(parsed, 'crm');
    if (crm !== undefined) {
      await importCrmFile(opened.store, crm);
    }
    requireUsers(opened);
    const bar = createProgressBar(process.stderr);
    // Back-fill speed (docs/performance.md): parsing on every core, and commits grouped (no IMAP MOVE depends on them; a
    // crash means running the import again, R2 then reports what was logged as duplicate).
    // Small raws are kept in the store inside the batch transaction, not as one blob file each.
    const pool = createParsePool({ stage: opened.pipeline, blobSync: false, smallRawInCommit: true });
    opened.store.beginBatch();
    let summary;
    try {
      summary = await importPath(target, opened.pipeline, {
        onProgress: (progress) => bar.update(progress),
        pool,
      });
    } finally {
      await pool.close();
    }
    opened.store.endBatch();
    bar.done();
    const counts = summary.byStatus;
    out.print(
      `Imported ${summary.count} message(s): ${counts.logged} logged, ${counts.skipped} skipped, ${counts.duplicate} duplicate, ${counts.rejected} rejected.`,
    );
    return 0;
  } finally {
    opened.close();
  }
}
