/** What one command's `--help` prints: how it is called, what it does, its options and its exit codes. */
type CommandHelp = {
  readonly usage: ReadonlyArray<string>;
  readonly does: string;
  readonly options: ReadonlyArray<readonly [flag: string, meaning: string]>;
  /** What exit 1 means for this command; absent when it has no failure of its own beyond a wrong command line. */
  readonly failure?: string;
  readonly example?: string;
};

const store = [
  '--store DIR',
  'the store folder (created if missing); default: the per-user store in the data folder of the operating system, or CRM_MAIL_LOGGER_STORE',
] as const;
const json = ['--json', 'one JSON object per line instead of the table'] as const;
const crm = [
  '--crm CRM.json',
  'upsert this CRM file (users, contacts, companies, deals, settings) first',
] as const;
const storeFailure = 'the store cannot be opened or written (the message says why)';
const teamConfig = [
  '--config CONFIG.json',
  "instead of a store: the team PostgreSQL that CONFIG.json's backend names (docs/deployment.md, team mode)",
] as const;

/** The help of every command; `crm-mail-logger help` lists their first usage lines. */
export const commandHelp = {
  log: {
    usage: ['log FILE.eml… [--store DIR] [--crm CRM.json] [--json]'],
    does: 'Log each file, in the order given; one result per file. A folder is not a file: use import for it.',
    options: [store, crm, ['--json', 'one JSON log result per file and line']],
    failure: `a file could not be read or not be recorded (the others are still logged), or ${storeFailure}`,
    example: 'crm-mail-logger log samples/*.eml --store /tmp/tour --crm samples/CRM.json',
  },
  results: {
    usage: ['results [--store DIR] [--json] [--since ISO] [--limit N]'],
    does: 'Every log result of the store, oldest first. The id column is what retry, reprocess and forget take.',
    options: [
      store,
      json,
      ['--since ISO', 'only results received at or after this ISO-8601 time'],
      ['--limit N', 'at most N results'],
    ],
    failure: storeFailure,
  },
  'import-crm': {
    usage: ['import-crm CRM.json [--store DIR]', 'import-crm CRM.json --config CONFIG.json'],
    does: 'Upsert users, contacts, companies, deals, the never-log list and settings from CRM.json.',
    options: [store, teamConfig],
    failure: `CRM.json cannot be read or is not valid (the message names the field), or ${storeFailure}`,
  },
  import: {
    usage: ['import PATH [--store DIR] [--crm CRM.json]'],
    does: 'Back-fill: log a folder of .eml files, a Maildir or an mbox file, with a progress bar on stderr.',
    options: [store, crm],
    failure: `PATH cannot be read, or ${storeFailure}`,
  },
  serve: {
    usage: ['serve --config CONFIG.json'],
    does: 'The companion, headless: watches the logging mailbox, sends notices, syncs; stops on SIGTERM or SIGINT. Logs are JSON lines on stderr.',
    options: [
      [
        '--config CONFIG.json',
        'the settings file (readable by its owner only); relative paths in it are relative to its folder',
      ],
    ],
    failure:
      'CONFIG.json cannot be read or is not valid (the message names the key), or the companion cannot start',
  },
  db: {
    usage: ['db migrate --config CONFIG.json'],
    does: "Bring the team PostgreSQL's schema up to date (companions also do it at start; any number at once is safe).",
    options: [
      ['--config CONFIG.json', 'the companion settings file whose backend names the team PostgreSQL'],
    ],
    failure:
      'CONFIG.json is not valid or names no postgres backend, or the database refused (the message says why)',
  },
  users: {
    usage: [
      'users list [--store DIR] [--json]',
      'users add EMAIL [--name NAME] [--locale en|ja] [--id N] [--store DIR]',
      'users set EMAIL [--name NAME] [--locale en|ja] [--email NEW] [--store DIR]',
      'users addresses EMAIL [--bcc ADDR|none] [--fwd ADDR|none] [--store DIR]',
      'users … --config CONFIG.json',
    ],
    does: "The account's users and their personal logging addresses (which route and attribute without a token).",
    options: [
      store,
      teamConfig,
      json,
      ['--name NAME', 'the display name'],
      ['--locale en|ja', 'the language of the notices the user gets'],
      ['--id N', 'the user id (default: one more than the highest)'],
      ['--email NEW', 'a new primary address'],
      ['--bcc ADDR|none', "the user's personal BCC address, or none to remove it"],
      ['--fwd ADDR|none', "the user's personal forwarding address, or none to remove it"],
    ],
    failure: `the user is unknown or the value is refused (the message names it), or ${storeFailure}`,
  },
  aliases: {
    usage: [
      'aliases add|remove USER_EMAIL ALIAS [--store DIR]',
      'aliases add|remove USER_EMAIL ALIAS --config CONFIG.json',
    ],
    does: "Another address of a user's own: mail from it is the user's mail.",
    options: [store, teamConfig],
    failure: `the user is unknown or the alias belongs to someone else, or ${storeFailure}`,
  },
  tokens: {
    usage: ['tokens rotate USER_EMAIL [--store DIR]', 'tokens rotate USER_EMAIL --config CONFIG.json'],
    does: "A new token for the user's tokenized addresses (log+bcc.<token>@…); the old one stops working at once.",
    options: [store, teamConfig],
    failure: `the user is unknown, or ${storeFailure}`,
  },
  'never-log': {
    usage: [
      'never-log list [--user USER_EMAIL] [--store DIR]',
      'never-log add|remove ENTRY… [--user USER_EMAIL] [--store DIR]',
      'never-log … --config CONFIG.json',
    ],
    does: "People and domains never logged. ENTRY: ann@x.example, x.example (= *@x.example), or *.x.example (sub-domains only). Without --user the entry is for the whole account; with it, for that user's mail only.",
    options: [store, teamConfig, ['--user USER_EMAIL', "the user's own list instead of the account's"]],
    failure: `an entry is not valid or was not on the list, or the user is unknown, or ${storeFailure}`,
  },
  retry: {
    usage: ['retry [RESULT_ID…] [--store DIR]'],
    does: 'Queue failed syncs again (no id: every failed one).',
    options: [store],
    failure: storeFailure,
  },
  reprocess: {
    usage: ['reprocess [RESULT_ID…] [--status rejected|skipped] [--reason CODE] [--store DIR] [--json]'],
    does: 'Run rejected or skipped messages again from their kept bytes, after the CRM data was fixed. A message that now logs is a new result.',
    options: [
      store,
      ['--status rejected|skipped', 'only results with this status'],
      ['--reason CODE', 'only results with this reason code'],
      ['--json', 'one JSON log result per line'],
    ],
    failure: storeFailure,
  },
  forget: {
    usage: ['forget RESULT_ID… [--store DIR]'],
    does: "Remove a logged email from the store (RESULT_ID: the id column of 'results').",
    options: [store],
    failure: `there is no such result, or ${storeFailure}`,
  },
  start: {
    usage: ['start [--store DIR] [--port N]'],
    does: "The desktop app where Electron can start (its binary, a display and the built preload: npm run build:app); elsewhere one line says why and the companion runs headless, printing the window's sign-in link. A fresh store gets the sample account and its sample mails, logged once.",
    options: [
      store,
      ['--port N', 'the port of the window and the local API (default 47806; 0 picks a free one)'],
    ],
    failure: storeFailure,
  },
  open: {
    usage: ['open [--store DIR]'],
    does: "A fresh sign-in link to the running companion's window (the link works once, for 10 minutes).",
    options: [store],
    failure: 'no companion is running for this store, or it did not answer',
  },
  'trust-ca': {
    usage: ['trust-ca [--store DIR] [--dry-run] [--ca-certificates-dir DIR]'],
    does: "Install the companion's local CA certificate (created if missing) into the operating system's trust store, so browsers and Outlook accept https://localhost:47806. Linux needs root (without it, the command prints the steps); macOS uses the login keychain, Windows the user's Root store. docs/security.md has the manual steps.",
    options: [
      store,
      ['--dry-run', 'print exactly what would be run, and change nothing'],
      ['--ca-certificates-dir DIR', 'Linux: the local CA folder (default /usr/local/share/ca-certificates)'],
    ],
    failure: 'the trust store tool failed or is missing (the message says which)',
    example: 'crm-mail-logger trust-ca --dry-run',
  },
  manifest: {
    usage: ['manifest [--host https://HOST] [--out FILE]'],
    does: "The Outlook add-in's manifest for IT to sideload or deploy. Its pages are the companion's (https://localhost:47806) unless --host names IT's own server.",
    options: [
      [
        '--host https://HOST',
        'the https origin that serves the add-in pages (npm run build:addin makes them)',
      ],
      ['--out FILE', 'write the manifest to FILE instead of standard output'],
    ],
    example: 'crm-mail-logger manifest --host https://crm-addin.corp.example --out manifest.xml',
  },
  help: {
    usage: ['help [COMMAND]'],
    does: 'This list, or the help of one command (the same as COMMAND --help).',
    options: [],
  },
} as const satisfies Readonly<Record<string, CommandHelp>>;

export type CommandName = keyof typeof commandHelp;

/** Whether `name` is one of the commands. */
export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commandHelp, name);
}

/** Help is read in a terminal: lines wrap at this width. */
const lineWidth = 100;

/**
 * `prefix` then `text`, wrapped at `lineWidth` (a longer word stays whole), each further line indented to where
 * the text began, so a table's meaning column stays a column.
 */
function hang(prefix: string, text: string): string {
  const indent = ' '.repeat(prefix.length);
  const lines: string[] = [];
  let line = prefix;
  for (const word of text.split(' ')) {
    const empty = line.length === (lines.length === 0 ? prefix : indent).length;
    if (!empty && line.length + 1 + word.length > lineWidth) {
      lines.push(line);
      line = indent + word;
    } else {
      line = empty ? line + word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.join('\n');
}

/** The exit codes every command shares, with the one meaning of 1 that `failure` gives. */
export function exitCodesHelp(failure: string | undefined): string {
  const rows: ReadonlyArray<readonly [string, string]> = [
    ['0', 'done'],
    ...(failure === undefined ? [] : [['1', failure] as const]),
    ['2', 'the command line is wrong (the message says what, --help says how it goes)'],
    ['70', 'an internal error: a bug, please report it (CRM_MAIL_LOGGER_DEBUG=1 prints where)'],
  ];
  return ['Exit codes:', ...rows.map(([code, meaning]) => hang(`  ${code.padEnd(4)}`, meaning))].join('\n');
}

/** The text of `crm-mail-logger COMMAND --help`. */
export function formatCommandHelp(name: CommandName): string {
  const help: CommandHelp = commandHelp[name];
  const [first, ...more] = help.usage;
  const lines = [
    `Usage: crm-mail-logger ${first ?? name}`,
    ...more.map((usage) => `       crm-mail-logger ${usage}`),
    '',
    hang('', help.does),
  ];
  if (help.options.length > 0) {
    const flagWidth = Math.max(...help.options.map(([flag]) => flag.length));
    lines.push(
      '',
      'Options:',
      ...help.options.map(([flag, meaning]) => hang(`  ${flag.padEnd(flagWidth)}  `, meaning)),
    );
  }
  if (help.example !== undefined) {
    lines.push('', 'Example:', `  ${help.example}`);
  }
  lines.push('', exitCodesHelp(help.failure));
  return lines.join('\n');
}
