import { importCrmData } from '../crm/postgres/account-data.js';
import { usageError } from './cli-error.js';
import type { CliOutput } from './cli-output.js';
import { importCrmFile, readCrmFile } from './import-crm-file.js';
import type { CrmImportSummary } from '../crm/local/local-store.js';
import { openCliStore } from './open-cli-store.js';
import { parseCommandArgs, stringOption } from './parse-command-args.js';
import { openTeamDatabase, run } from './team-database.js';

const usage = 'usage: import-crm CRM.json [--store DIR | --config CONFIG.json]';

/**
 * `import-crm CRM.json [--store DIR]`: the upsert of `log --crm`, on its own. With `--config` naming a team
 * PostgreSQL (docs/deployment.md "Team mode"), CRM.json goes into that database, validated as for a store.
 */
export async function runImportCrmCommand(args: ReadonlyArray<string>, out: CliOutput): Promise<number> {
  const parsed = parseCommandArgs('import-crm', args, {
    store: { type: 'string' },
    config: { type: 'string' },
  });
  const [file, ...extra] = parsed.positionals;
  const config = stringOption(parsed, 'config');
  if (
    file === undefined ||
    extra.length > 0 ||
    (config !== undefined && stringOption(parsed, 'store') !== undefined)
  ) {
    throw usageError(usage);
  }
  let summary: CrmImportSummary;
  if (config !== undefined) {
    const data = await readCrmFile(file, (line) => out.error(line));
    const db = await openTeamDatabase(config);
    try {
      await db.migrate();
      summary = await run(db.label, () => importCrmData(db.pool, data));
    } finally {
      await db.close();
    }
  } else {
    const opened = openCliStore(stringOption(parsed, 'store'));
    try {
      summary = await importCrmFile(opened.store, file);
    } finally {
      opened.close();
    }
  }
  const kinds = ['users', 'companies', 'contacts', 'deals'] as const;
  out.print(
    kinds.map((kind) => `${kind}: ${summary[kind].created} new, ${summary[kind].updated} updated`).join('; '),
  );
  return 0;
}
