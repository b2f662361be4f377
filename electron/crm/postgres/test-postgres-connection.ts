import { latestVersion } from './migrations.js';
import { classifyPostgresError } from './postgres-failure.js';
import { createPool, type PostgresConnection } from './postgres-pool.js';

/**
 * The first-run setup's check of a team database (docs/deployment.md "Team mode"): signs in over the TLS the
 * connection names and reads the schema version, so a wrong password, an untrusted certificate and an older schema
 * each get their own sentence.
 */
export async function testPostgresConnection(
  connection: PostgresConnection,
): Promise<{ readonly ok: boolean; readonly message: string }> {
  const pool = createPool({ ...connection, poolMax: 1, connectTimeoutMs: 10_000 }, () => undefined);
  try {
    const found = await pool
      .query<{ version: number | null }>('SELECT max(version)::int AS version FROM schema_migrations')
      .then((r) => r.rows[0]?.version ?? 0)
      .catch((e: unknown) => {
        // 42P01: the table is not there, the database was never migrated.
        if ((e as { code?: unknown }).code === '42P01') {
          return 0;
        }
        throw e;
      });
    return {
      ok: true,
      message:
        found >= latestVersion
          ? `Signed in; the team database is at schema version ${found}.`
          : `Signed in; the companion brings the schema from version ${found} to ${latestVersion} when it starts (or IT runs "crm-mail-logger db migrate").`,
    };
  } catch (e) {
    return { ok: false, message: classifyPostgresError(e).message };
  } finally {
    await pool.end().catch(() => undefined);
  }
}
