import { latestVersion } from '../crm/postgres/migrations.js';
import { usageError } from './cli-error.js';
import type { CliOutput } from './cli-output.js';
import { parseCommandArgs, stringOption } from './parse-command-args.js';
import { openTeamDatabase } from './team-database.js';

/**
 * `db migrate --config CONFIG.json`: IT brings the team database's schema up to date (docs/deployment.md "Team
 * mode"). Companions do the same at start; the advisory lock makes any number of them at once safe.
 */
export async function runDbCommand(args: ReadonlyArray<string>, out: CliOutput): Promise<number> {
  const parsed = parseCommandArgs('db', args, { config: { type: 'string' } });
  const [action, ...extra] = parsed.positionals;
  const file = stringOption(parsed, 'config');
  if (action !== 'migrate' || extra.length > 0 || file === undefined) {
    throw usageError('usage: db migrate --config CONFIG.json');
  }
  const db = await openTeamDatabase(file);
  try {
    const summary = await db.migrate();
    out.print(
      summary.applied.length === 0
        ? `${db.label}: the schema is up to date (version ${summary.version})`
        : `${db.label}: applied ${summary.applied.join(', ')}; the schema is at version ${summary.version} of ${latestVersion}`,
    );
    return 0;
  } finally {
    await db.close();
  }
}
