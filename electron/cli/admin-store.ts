import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLocalStore } from '../crm/local/open-local-store.js';
import type { LocalStore } from '../crm/local/local-store.js';
import { readAccount, replaceAccount } from '../crm/postgres/account-data.js';
import { CliError } from './cli-error.js';
import { openCliStore } from './open-cli-store.js';
import { run, openTeamDatabase } from './team-database.js';

/** The store an admin command changes: the local one (`--store`), or the team database's account (`--config`). */
export type AdminStore = {
  readonly store: LocalStore;
  /** Writes back what the command changed (team mode), then closes. */
  close(): Promise<void>;
};

function snapshot(store: LocalStore): string {
  return JSON.stringify([store.listUsers(), store.settings(), store.listNeverLog()]);
}

/**
 * With `--config` naming a team PostgreSQL, the admin commands (users, aliases, tokens, never-log) work on its
 * account: it is read into a scratch local store, where the command runs with every check it has locally, and
 * what changed is written back in one transaction — only if no one changed the account meanwhile, else nothing
 * is written and the command says to run again. Companions see the change at their next message (the account's
 * revision moved).
 */
export async function openAdminStore(options: {
  readonly store?: string | undefined;
  readonly config?: string | undefined;
}): Promise<AdminStore> {
  if (options.config === undefined) {
    const opened = openCliStore(options.store);
    return { store: opened.store, close: () => Promise.resolve(opened.close()) };
  }
  if (options.store !== undefined) {
    throw new CliError('--store and --config name two different CRMs: give one');
  }
  const db = await openTeamDatabase(options.config);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-mail-logger-admin-'));
  const cleanUp = async (): Promise<void> => {
    fs.rmSync(scratch, { recursive: true, force: true });
    await db.close();
  };
  let store: LocalStore;
  let revision: string;
  let before: string;
  try {
    await db.migrate();
    const account = await run(db.label, () => readAccount(db.pool));
    store = openLocalStore(scratch);
    store.importCrm({ users: account.users, settings: account.settings, neverLog: account.neverLog });
    revision = account.revision;
    before = snapshot(store);
  } catch (e) {
    await cleanUp();
    throw e;
  }
  return {
    store,
    async close() {
      try {
        if (snapshot(store) === before) {
          return;
        }
        const written = await run(db.label, () =>
          replaceAccount(
            db.pool,
            { users: store.listUsers(), settings: store.settings(), neverLog: store.listNeverLog() },
            revision,
          ),
        );
        if (written === 'changed-meanwhile') {
          throw new CliError(
            `${db.label}: the account changed while this command ran; nothing written, run it again`,
          );
        }
      } finally {
        store.close();
        await cleanUp();
      }
    },
  };
}
