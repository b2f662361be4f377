/** The text of `crm-mail-logger help`. */
export const usage = `crm-mail-logger — log email into a CRM through the BCC and forwarding addresses

Usage:
  crm-mail-logger log FILE.eml… [--store DIR] [--crm CRM.json] [--json]
      Log each file, in the order given; one result per file (one JSON object per line with --json).
  crm-mail-logger results [--store DIR] [--json] [--since ISO] [--limit N]
      Every log result of the store, oldest first.
  crm-mail-logger import-crm CRM.json [--store DIR]
      Upsert users, contacts, companies, deals, never-log list and settings.
  crm-mail-logger import PATH [--store DIR] [--crm CRM.json]
      Back-fill: a folder of .eml files, a Maildir or an mbox file, with a progress bar.
  crm-mail-logger serve --config CONFIG.json
      The companion, headless: watches the logging mailbox, sends notices, syncs; stops on SIGTERM.
  crm-mail-logger users list | add EMAIL | set EMAIL | addresses EMAIL [--bcc ADDR|none] [--fwd ADDR|none]
      Users (--name, --locale en|ja, --id N, --email NEW) and their personal logging addresses.
  crm-mail-logger aliases add|remove USER_EMAIL ALIAS
  crm-mail-logger tokens rotate USER_EMAIL
      A new token for the user's tokenized addresses (log+bcc.<token>@…); the old one stops working.
  crm-mail-logger never-log list | add|remove ENTRY… [--user USER_EMAIL]
      ENTRY: ann@x.example, x.example (= *@x.example), or *.x.example (sub-domains only).
  crm-mail-logger retry [RESULT_ID…]
      Queue failed syncs again (no id: every failed one).
  crm-mail-logger reprocess [RESULT_ID…] [--status rejected|skipped] [--reason CODE] [--json]
      Run rejected or skipped messages again from their kept bytes, after the CRM data was fixed.
  crm-mail-logger forget RESULT_ID…
      Remove a logged email from the store (RESULT_ID: the id column of 'results').
  crm-mail-logger start [--store DIR]
      Run on the embedded defaults (for now: log the sample mails and show the results).
  crm-mail-logger help

Without --store, the store is the per-user one in the operating system's data folder
(CRM_MAIL_LOGGER_STORE overrides it).`;
