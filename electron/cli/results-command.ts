import { usageError } from './cli-error.js';
import type { CliOutput } from './cli-output.js';
import { formatResultsTable } from './format-result.js';
import { openCliStore } from './open-cli-store.js';
import { booleanOption, parseCommandArgs, stringOption } from './parse-command-args.js';

/** `results [--store DIR] [--json] [--since ISO] [--limit N]`: every result, oldest first. */
export async function runResultsCommand(args: ReadonlyArray<string>, out: CliOutput): Promise<number> {
  const parsed = parseCommandArgs('results', args, {
    store: { type: 'string' },
    json: { type: 'boolean' },
    since: { type: 'string' },
    limit: { type: 'string' },
  });
  if (parsed.positionals.length > 0) {
    throw usageError(`results: unexpected argument ${JSON.stringify(parsed.positionals[0])}`);
  }
  const since = stringOption(parsed, 'since');
  if (since !== undefined && Number.isNaN(Date.parse(since))) {
    throw usageError(`results: --since takes an ISO-8601 date, not ${JSON.stringify(since)}`);
  }
  const limitText = stringOption(parsed, 'limit');
  const limit = limitText === undefined ? undefined : Number(limitText);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw usageError(`results: --limit takes a whole number above 0, not ${JSON.stringify(limitText)}`);
  }
  const opened = openCliStore(stringOption(parsed, 'store'));
  try {
    const entries = opened.store.listEntries({
      ...(since === undefined ? {} : { since: new Date(since).toISOString() }),
      ...(limit === undefined ? {} : { limit }),
    });
    if (booleanOption(parsed, 'json')) {
      entries.forEach((entry) => out.print(JSON.stringify(entry.result)));
    } else {
      out.print(formatResultsTable(entries));
    }
    return 0;
  } finally {
    opened.close();
  }
}
