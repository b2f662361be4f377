import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliOutput } from './cli-output.js';
import { formatResultLine, formatResultsTable } from './format-result.js';
import { importCrmFile } from './import-crm-file.js';
import { openCliStore } from './open-cli-store.js';
import { parseCommandArgs, stringOption } from './parse-command-args.js';

const samplesDir = fileURLToPath(new URL('../../samples/', import.meta.url));

/**
 * `npm start`: the core on its embedded defaults, without a mailbox. It logs the sample mails into the store, so a
 * newcomer sees a message go from bytes to a log result, and prints the results. The companion that watches a
 * logging mailbox is `serve --config CONFIG.json`.
 */
export async function runStartCommand(args: ReadonlyArray<string>, out: CliOutput): Promise<number> {
  const parsed = parseCommandArgs('start', args, { store: { type: 'string' } });
  const opened = openCliStore(stringOption(parsed, 'store'));
  try {
    out.print(`crm-mail-logger: embedded SQLite CRM at ${opened.dir}`);
    await importCrmFile(opened.store, path.join(samplesDir, 'CRM.json'));
    const files = (await readdir(samplesDir)).filter((name) => name.endsWith('.eml')).sort();
    out.print(
      `Logging ${files.length} sample mails from samples/ (a second start shows them as duplicates):`,
    );
    for (const file of files) {
      const result = await opened.pipeline.logMessage({
        raw: createReadStream(path.join(samplesDir, file)),
        envelope: {},
        file: `samples/${file}`,
      });
      out.print(`  ${formatResultLine(result)}`);
    }
    out.print('');
    out.print('Everything this store has logged, oldest first:');
    out.print(formatResultsTable(opened.store.listEntries({})));
    out.print('');
    out.print(
      "Next: 'npm run --silent cli -- help' lists the commands; samples/README.md explains each sample; 'serve --config CONFIG.json' watches a mailbox.",
    );
    return 0;
  } finally {
    opened.close();
  }
}
