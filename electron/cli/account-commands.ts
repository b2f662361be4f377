import { usageError } from './cli-error.js';
import type { CliOutput } from './cli-output.js';
import { withToken } from '#shared/address/with-token.js';
import { formatTable } from './format-table.js';
import { openAdminStore, type AdminStore } from './admin-store.js';
import { parseCommandArgs, stringOption } from './parse-command-args.js';

/** C6 `aliases add|remove USER ALIAS`. */
export async function runAliasesCommand(args: ReadonlyArray<string>, out: CliOutput): Promise<number> {
  const parsed = parseCommandArgs('aliases', args, {
    store: { type: 'string' },
    config: { type: 'string' },
  });
  const [action, user, alias, ...extra] = parsed.positionals;
  if (
    (action !== 'add' && action !== 'remove') ||
    user === undefined ||
    alias === undefined ||
    extra.length > 0
  ) {
    throw usageError('usage: aliases add|remove USER_EMAIL ALIAS');
  }
  const opened = await openAdminStore({
    store: stringOption(parsed, 'store'),
    config: stringOption(parsed, 'config'),
  });
  try {
    const updated =
      action === 'add' ? opened.store.addAlias(user, alias) : opened.store.removeAlias(user, alias);
    out.print(`${updated.email}  aliases: ${updated.aliases.join(', ') || '(none)'}`);
    return 0;
  } finally {
    await opened.close();
  }
}

/** C6 `tokens rotate USER`: a new token; the old one stops working at once. */
export async function runTokensCommand(args: ReadonlyArray<string>, out: CliOutput): Promise<number> {
  const parsed = parseCommandArgs('tokens', args, {
    store: { type: 'string' },
    config: { type: 'string' },
  });
  const [action, user, ...extra] = parsed.positionals;
  if (action !== 'rotate' || user === undefined || extra.length > 0) {
    throw usageError('usage: tokens rotate USER_EMAIL');
  }
  const opened = await openAdminStore({
    store: stringOption(parsed, 'store'),
    config: stringOption(parsed, 'config'),
  });
  try {
    const token = opened.store.rotateToken(user);
    const settings = opened.store.settings();
    out.print(`token: ${token}`);
    out.print(`BCC address: ${withToken(settings.bccAddress, token)}`);
    out.print(`forwarding address: ${withToken(settings.forwardingAddress, token)}`);
    return 0;
  } finally {
    await opened.close();
  }
}

/** Whom a never-log entry applies to, as `never-log` prints it. */
function appliesTo(user: string | undefined): string {
  return user === undefined ? 'the whole account' : `${user} only`;
}

/** The account's entries and every user's own, or one user's own, as a table that says whom each is for. */
function neverLogTable(opened: AdminStore, user: string | undefined): string {
  const rows =
    user === undefined
      ? [
          ...opened.store.listNeverLog().map((entry) => [entry, appliesTo(undefined)]),
          ...opened.store
            .listUsers()
            .flatMap((each) => each.neverLog.map((entry) => [entry, appliesTo(each.email)])),
        ]
      : opened.store.listNeverLog(user).map((entry) => [entry, appliesTo(user)]);
  if (rows.length === 0) {
    return user === undefined
      ? 'The never-log list is empty.'
      : `${user} has no never-log entries of their own.`;
  }
  return formatTable(['entry', 'applies to'], rows);
}

/**
 * C6: `never-log list|add|remove [ENTRY…] [--user USER]`: the account's list, or a user's own. Every
 * line says whom the entry applies to, because an entry on the wrong list silently logs what should not be.
 */
export async function runNeverLogCommand(args: ReadonlyArray<string>, out: CliOutput): Promise<number> {
  const parsed = parseCommandArgs('never-log', args, {
    store: { type: 'string' },
    config: { type: 'string' },
    user: { type: 'string' },
  });
  const [action, ...entries] = parsed.positionals;
  const user = stringOption(parsed, 'user');
  const listing = action === 'list' && entries.length === 0;
  const changing = (action === 'add' || action === 'remove') && entries.length > 0;
  if (!listing && !changing) {
    throw usageError('usage: never-log list | never-log add|remove ENTRY… [--user USER_EMAIL]');
  }
  const opened = await openAdminStore({
    store: stringOption(parsed, 'store'),
    config: stringOption(parsed, 'config'),
  });
  try {
    if (action === 'list') {
      out.print(neverLogTable(opened, user));
      return 0;
    }
    let exitCode = 0;
    for (const entry of entries) {
      if (action === 'add') {
        out.print(`added ${opened.store.addNeverLog(entry, user)} (for ${appliesTo(user)})`);
      } else if (opened.store.removeNeverLog(entry, user)) {
        out.print(`removed ${entry} (for ${appliesTo(user)})`);
      } else {
        out.error(
          user === undefined
            ? `${entry} was not on the account's never-log list`
            : `${entry} was not on ${user}'s own never-log list`,
        );
        exitCode = 1;
      }
    }
    return exitCode;
  } finally {
    await opened.close();
  }
}
