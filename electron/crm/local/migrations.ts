import type Database from 'better-sqlite3';

/**
 * The schema of the embedded CRM, as numbered migrations kept in code. `PRAGMA user_version` holds the number of
 * the last one applied, so an older store upgrades in place when a newer companion opens it. Never edit a
 * migration that has shipped: add the next one.
 *
 * Addresses and domains are stored only in their normalised form (`normalizeAddress`, `normalizeDomain`), so
 * every lookup is a plain `=` on an indexed column.
 */
export const migrations: ReadonlyArray<string> = [
  // 1: the CRM itself (docs/rules.md#words): settings, users and what hangs off them, companies, contacts, deals.
  `
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value_json TEXT NOT NULL
  );
  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT,
    locale TEXT NOT NULL DEFAULT 'en' CHECK (locale IN ('en', 'ja'))
  );
  -- B2: a shared alias may belong to several users, so (user, alias) is the key, not the alias.
  CREATE TABLE user_aliases (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    PRIMARY KEY (user_id, alias)
  );
  CREATE INDEX user_aliases_alias ON user_aliases (alias);
  -- A token belongs to one user and a user has one token: rotating replaces the row, so the old one stops working.
  CREATE TABLE user_tokens (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
  );
  -- C1 personal mode: the addresses delivered to this user's own folder; each address names one user.
  CREATE TABLE user_logging_addresses (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('bcc', 'forward')),
    address TEXT NOT NULL UNIQUE,
    PRIMARY KEY (user_id, kind)
  );
  CREATE TABLE user_never_log (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    entry TEXT NOT NULL,
    PRIMARY KEY (user_id, entry)
  );
  CREATE TABLE account_never_log (
    entry TEXT PRIMARY KEY
  );
  CREATE TABLE companies (
    domain TEXT PRIMARY KEY,
    name TEXT NOT NULL
  );
  -- company_domain is a domain, not a foreign key: CRM.json may name a company it does not list.
  CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    company_domain TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX contacts_name ON contacts (name);
  CREATE TABLE deals (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('open', 'won', 'lost')),
    created_at TEXT NOT NULL
  );
  CREATE TABLE deal_contacts (
    deal_id TEXT NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
    contact_email TEXT NOT NULL,
    PRIMARY KEY (deal_id, contact_email)
  );
  CREATE INDEX deal_contacts_contact ON deal_contacts (contact_email);
  `,
  // 2: the journal: every log result in commit order, the logged emails with their links, R2's identity keys,
  // notices, and the transactional outbox (C3).
  `
  CREATE TABLE emails (
    id INTEGER PRIMARY KEY,
    message_id TEXT,
    direction TEXT NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
    from_address TEXT NOT NULL,
    from_name TEXT NOT NULL,
    to_json TEXT NOT NULL,
    cc_json TEXT NOT NULL,
    subject TEXT NOT NULL,
    date TEXT,
    text TEXT,
    html TEXT,
    source TEXT NOT NULL,
    parts_json TEXT NOT NULL,
    -- No foreign key: with a remote backend the owner may be known only there; the owner column keeps the address.
    owner_user_id INTEGER,
    owner TEXT NOT NULL
  );
  CREATE TABLE email_contacts (
    email_id INTEGER NOT NULL REFERENCES emails (id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    role TEXT NOT NULL CHECK (role IN ('to', 'cc', 'sender')),
    created INTEGER NOT NULL,
    PRIMARY KEY (email_id, contact_id)
  );
  CREATE INDEX email_contacts_contact ON email_contacts (contact_id);
  -- Companies and deals are linked by key, not by foreign key: the link records what was associated at log
  -- time, and with a remote backend the record may live only there.
  CREATE TABLE email_companies (
    email_id INTEGER NOT NULL REFERENCES emails (id) ON DELETE CASCADE,
    domain TEXT NOT NULL,
    PRIMARY KEY (email_id, domain)
  );
  CREATE TABLE email_deals (
    email_id INTEGER NOT NULL REFERENCES emails (id) ON DELETE CASCADE,
    deal_id TEXT NOT NULL,
    PRIMARY KEY (email_id, deal_id)
  );
  CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    email_id INTEGER NOT NULL REFERENCES emails (id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL,
    filename TEXT NOT NULL,
    size INTEGER NOT NULL
  );
  CREATE INDEX attachments_email ON attachments (email_id);
  CREATE INDEX attachments_sha256 ON attachments (sha256);
  -- AUTOINCREMENT: ids never reused, so "oldest first" is id order even after a result is forgotten (C6).
  CREATE TABLE log_results (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    file TEXT,
    raw_sha256 TEXT,
    message_id TEXT,
    route TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('logged', 'skipped', 'rejected', 'duplicate')),
    owner TEXT,
    duplicate_of TEXT,
    email_id INTEGER UNIQUE REFERENCES emails (id) ON DELETE SET NULL,
    sync_target TEXT NOT NULL CHECK (sync_target IN ('local', 'remote')),
    result_json TEXT NOT NULL
  );
  CREATE INDEX log_results_created_at ON log_results (created_at);
  CREATE INDEX log_results_raw_sha256 ON log_results (raw_sha256);
  -- R2: the UNIQUE key is what makes duplicates impossible even when two processes commit the same message.
  CREATE TABLE identity_keys (
    key TEXT PRIMARY KEY,
    email_id INTEGER NOT NULL REFERENCES emails (id) ON DELETE CASCADE,
    log_result_id INTEGER NOT NULL REFERENCES log_results (id) ON DELETE CASCADE
  );
  CREATE TABLE notices (
    id INTEGER PRIMARY KEY,
    log_result_id INTEGER NOT NULL REFERENCES log_results (id) ON DELETE CASCADE,
    recipient TEXT NOT NULL,
    reason TEXT NOT NULL,
    locale TEXT NOT NULL,
    sent INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
  );
  CREATE INDEX notices_log_result ON notices (log_result_id);
  -- N2 "one notice per recipient per reason per hour" looks up by these.
  CREATE INDEX notices_recipient_reason ON notices (recipient, reason, created_at);
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    log_result_id INTEGER NOT NULL UNIQUE REFERENCES log_results (id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('pending', 'synced', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    remote_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
  `,
  // 3: the companion (C1, N2): a claimed message is recognised by its raw bytes when processing resumes after a
  // crash; a notice records when it went out, or why it did not (rate limit, automatic mail, no SMTP).
  `
  CREATE INDEX log_results_raw ON log_results (raw_sha256);
  ALTER TABLE notices ADD COLUMN sent_at TEXT;
  ALTER TABLE notices ADD COLUMN not_sent_reason TEXT;
  `,
  // 4: every message's facts carry all users, the settings and the account never-log list; reading them once per
  // message cost more than the rest of the facts (docs/performance.md). A counter bumped by triggers, from any
  // connection or process, tells a reader when its cached copy is stale.
  `
  DROP INDEX IF EXISTS log_results_raw; -- migration 3's twin of log_results_raw_sha256: one B-tree per commit saved
  CREATE TABLE account_revision (n INTEGER NOT NULL);
  INSERT INTO account_revision (n) VALUES (0);
  CREATE TRIGGER settings_insert_revision AFTER INSERT ON settings BEGIN UPDATE account_revision SET n = n + 1; END;
  CREATE TRIGGER settings_update_revision AFTER UPDATE ON settings BEGIN UPDATE account_revision SET n = n + 1; END;
  CREATE TRIGGER settings_delete_revision AFTER DELETE ON settings BEGIN UPDATE account_revision SET n = n + 1; END;
  CREATE TRIGGER users_insert_revision AFTER INSERT ON users BEGIN UPDATE account_revision SET n = n + 1; END;
  CREATE TRIGGER users_update_revision AFTER UPDATE ON users BEGIN UPDATE account_revision SET n = n + 1; END;
  CREATE TRIGGER users_delete_revision AFTER DELETE ON users BEGIN UPDATE account_revision SET n = n + 1; END;
  CREATE TRIGGER user_aliases_insert_revision AFTER INSERT ON user_aliases BEGIN UPDATE account_revision SET n = n + 1; END;
  CREATE TRIGGER user_aliases_update_revision AFTER UPDATE ON user_aliases BEGIN UPDATE account_revision SET n = n + 1; END;
  CREATE TRIGGER user_aliases_delete_revision AFTER DELETE ON user_aliases BEGIN UPDATE account_revision SET n = n + 1; END;
  CREATE TRIGGER user_tokens_insert_revision AFTER INSERT ON user_tokens BEGIN UPDATE account_revision SET n = n + 1; END;
  CREATE TRIGGER user_tokens_update_revision AFTER UPDATE ON user_tokens BEGIN UPDATE account_revision SET n = n + 1; END;
  CREATE TRIGGER user_tokens_delete_revision AFTER DELETE ON user_tokens BEGIN UPDATE account_revision SET n = n + 1; END;
  CREATE TRIGGER user_logging_addresses_insert_revision AFTER INSERT ON user_logging_addresses BEGIN UPDATE account_revision SET n = n + 1; END;
  CREATE TRIGGER user_logging_addresses_update_revision AFTER UPDATE ON user_logging_addresses BEGIN UPDATE account_revision SET n = n + 1; END;
  CREATE TRIGGER user_logging_addresses_delete_revision AFTER DELETE ON user_logging_addresses BEGIN UPDATE account_revision SET n = n + 1; END;
  CREATE TRIGGER user_never_log_insert_revision AFTER INSERT ON user_never_log BEGIN UPDATE account_revision SET n = n + 1; END;
  CREATE TRIGGER user_never_log_update_revision AFTER UPDATE ON user_never_log BEGIN UPDATE account_revision SET n = n + 1; END;
  CREATE TRIGGER user_never_log_delete_revision AFTER DELETE ON user_never_log BEGIN UPDATE account_revision SET n = n + 1; END;
  CREATE TRIGGER account_never_log_insert_revision AFTER INSERT ON account_never_log BEGIN UPDATE account_revision SET n = n + 1; END;
  CREATE TRIGGER account_never_log_update_revision AFTER UPDATE ON account_never_log BEGIN UPDATE account_revision SET n = n + 1; END;
  CREATE TRIGGER account_never_log_delete_revision AFTER DELETE ON account_never_log BEGIN UPDATE account_revision SET n = n + 1; END;
  `,
  // 5: how many times the sync worker claimed each outbox row. A row never claimed before cannot have reached the
  // remote CRM, so its push need not look the email up before creating it (C3; a sixth of the requests).
  `
  ALTER TABLE outbox ADD COLUMN claims INTEGER NOT NULL DEFAULT 0;
  `,
  // 6: the raw bytes of small back-filled messages, written in the commit of their result rather than as one blob
  // file each (a file created and renamed per message cost the parse worker more than its own hashing;
  // docs/performance.md). Keyed like a blob, by the sha256 of the bytes; large messages still stream to blob files.
  `
  CREATE TABLE raw_messages (
    sha256 TEXT PRIMARY KEY,
    bytes BLOB NOT NULL
  );
  `,
];

/** The schema version this code writes. */
export const schemaVersion = migrations.length;

/**
 * Applies the migrations the store lacks, up to `target` (tests stop early to build an older store). Runs in one
 * `BEGIN IMMEDIATE` transaction and reads the version inside it, so two processes opening a new store at once
 * cannot both apply migration 1. Refuses a store written by a newer version rather than guess at its schema.
 */
export function migrate(db: Database.Database, target: number = schemaVersion): number {
  const apply = db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > schemaVersion) {
      throw new Error(
        `this store has schema version ${current}, newer than this program's ${schemaVersion}: upgrade crm-mail-logger`,
      );
    }
    for (let version = current; version < target; version++) {
      db.exec(migrations[version] ?? '');
      db.pragma(`user_version = ${version + 1}`);
    }
    return Math.max(current, target);
  });
  return apply.immediate();
}
