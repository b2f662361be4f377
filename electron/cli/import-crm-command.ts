import { usageError } from './cli-error.js';
import type { CliOutput } from './cli-output.js';
import { importCrmFile } from './import-crm-file.js';
import { openCliStore } from './open-cli-store.js';
import { parseCommandArgs, stringOption } from './parse-command-args.js';

/** `import-crm CRM.json [--store DIR]`: the upsert of `log --crm`, on its own. */
export async function runImportCrmCommand(args: ReadonlyArray<string>, out: CliOutput): Promise<number> {
  const parsed = parseCommandArgs('import-crm', args, { store: { type: 'string' } });
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) {
    throw usageError('usage: import-crm CRM.json [--store DIR]');
  }
  const opened = openCliStore(stringOption(parsed, 'store'));
  try {
    const summary = await importCrmFile(opened.store, file);
    const kinds = ['users', 'companies', 'contacts', 'deals'] as const;
    out.print(
      kinds
        .map((kind) => `${kind}: ${summary[kind].created} new, ${summary[kind].updated} updated`)
        .join('; '),
    );
    return 0;
  } finally {
    opened.close();
  }
}
