import { loadCompanionConfig } from '../config/load-companion-config.js';
import { migrate, type MigrationSummary } from '../crm/postgres/migrations.js';
import { classifyPostgresError } from '../crm/postgres/postgres-failure.js';
import { createPool } from '../crm/postgres/postgres-pool.js';
import { CliError } from './cli-error.js';

export type TeamDatabase = {
  readonly pool: ReturnType<typeof createPool>;
  /** `user@host:port/database`, for messages. */
  readonly label: string;
  /** The schema brought up to date (under the advisory lock, as companions do). */
  migrate(): Promise<MigrationSummary>;
  close(): Promise<void>;
};

/**
 * The team PostgreSQL that CONFIG.json's `backend` names (docs/deployment.md "Team mode"), for IT's commands:
 * `db migrate`, `import-crm --config` and the admin commands with `--config`. The password comes from the file
 * or `CRM_MAIL_LOGGER_POSTGRES_PASSWORD`, as for `serve`.
 */
export async function openTeamDatabase(configFile: string): Promise<TeamDatabase> {
  const config = await loadCompanionConfig(configFile, process.env);
  if (!config.ok) {
    throw new CliError(config.error);
  }
  const backend = config.value.backend;
  if (backend.kind !== 'postgres') {
    throw new CliError(
      `${configFile}: backend.kind is ${backend.kind}, not postgres: there is no team database`,
    );
  }
  const url = new URL(backend.url);
  const label = `${decodeURIComponent(url.username)}@${url.host}${url.pathname}`;
  const pool = createPool(
    {
      url: backend.url,
      password: backend.password,
      tls: backend.tls,
      ...(backend.caFile === undefined ? {} : { caFile: backend.caFile }),
      poolMax: 2,
      applicationName: 'crm-mail-logger cli',
    },
    () => undefined,
  );
  return {
    pool,
    label,
    migrate: () => run(label, () => migrate(pool)),
    close: () => pool.end(),
  };
}

/** A database failure as one line that names the database (`CRM.AUTH: …` for a refused sign-in). */
export async function run<T>(label: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof CliError) {
      throw e;
    }
    throw new CliError(`${label}: ${classifyPostgresError(e).message}`);
  }
}
