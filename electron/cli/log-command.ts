import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { PipelineError } from '../core/pipeline-error.js';
import { usageError } from './cli-error.js';
import { describeIoError, importCrmFile } from './import-crm-file.js';
import { openCliStore, requireUsers } from './open-cli-store.js';
import { formatResultLine } from './format-result.js';
import { booleanOption, parseCommandArgs, stringOption } from './parse-command-args.js';
import type { CliOutput } from './cli-output.js';

/**
 * `log FILE.eml… [--store DIR] [--crm CRM.json] [--json]`: logs each file in the order given and
 * prints one result per file. An unreadable file gets a one-line error and a non-zero exit; the others are
 * still logged.
 */
export async function runLogCommand(args: ReadonlyArray<string>, out: CliOutput): Promise<number> {
  const parsed = parseCommandArgs('log', args, {
    store: { type: 'string' },
    crm: { type: 'string' },
    json: { type: 'boolean' },
  });
  const files = parsed.positionals;
  if (files.length === 0) {
    throw usageError('log: name at least one .eml file');
  }
  const json = booleanOption(parsed, 'json');
  const opened = openCliStore(stringOption(parsed, 'store'));
  try {
    const crm = stringOption(parsed, 'crm');
    if (crm !== undefined) {
      await importCrmFile(opened.store, crm, (line) => out.error(line));
    }
    requireUsers(opened);
    let exitCode = 0;
    for (const file of files) {
      const problem = await unreadable(file);
      if (problem !== null) {
        out.error(`cannot read ${file}: ${problem}`);
        exitCode = 1;
        continue;
      }
      let result;
      try {
        result = await opened.pipeline.logMessage({ raw: createReadStream(file), envelope: {}, file });
      } catch (error) {
        if (!(error instanceof PipelineError)) {
          throw error;
        }
        // Nothing was committed for this file (the store or the CRM did not answer): say so, go on, exit 1.
        out.error(`${file}: not logged (storage-error): ${error.message}`);
        exitCode = 1;
        continue;
      }
      out.print(json ? JSON.stringify(result) : formatResultLine(result));
      exitCode = Math.max(exitCode, result.reasons.includes('storage-error') ? 1 : 0);
    }
    return exitCode;
  } finally {
    opened.close();
  }
}

/** Why a file cannot be read, or null: checked before logging so that no result is written for it. */
async function unreadable(file: string): Promise<string | null> {
  try {
    const handle = await open(file, 'r');
    try {
      const stat = await handle.stat();
      if (stat.isDirectory()) {
        return `a folder, not a mail file: to log a folder of .eml files, a Maildir or an mbox file use 'crm-mail-logger import ${file}'`;
      }
      return stat.isFile() ? null : 'not a regular file';
    } finally {
      await handle.close();
    }
  } catch (error) {
    return describeIoError(error);
  }
}
