import { usageError } from './cli-error.js';
import type { CliOutput } from './cli-output.js';
import { withToken } from '../../shared/address/with-token.js';
import { openCliStore } from './open-cli-store.js';
import { parseCommandArgs, stringOption } from './parse-command-args.js';

/** SPEC C6: `aliases add|remove USER ALIAS`. */
export async function runAliasesCommand(args: ReadonlyArray<string>, out: CliOutput): Promise<number> {
  const parsed = parseCommandArgs('aliases', args, { store: { type: 'string' } });
  const [action, user, alias, ...extra] = parsed.positionals;
  if (
    (action !== 'add' && action !== 'remove') ||
    user === undefined ||
    alias === undefined ||
    extra.length > 0
  ) {
    throw usageError('usage: aliases add|remove USER_EMAIL ALIAS');
  }
  const opened = openCliStore(stringOption(parsed, 'store'));
  try {
    const updated =
      action === 'add' ? opened.store.addAlias(user, alias) : opened.store.removeAlias(user, alias);
    out.print(`${updated.email}  aliases: ${updated.aliases.join(', ') || '(none)'}`);
    return 0;
  } finally {
    opened.close();
  }
}

/** SPEC C6: `tokens rotate USER`: a new token; the old one stops working at once. */
export async function runTokensCommand(args: ReadonlyArray<string>, out: CliOutput): Promise<number> {
  const parsed = parseCommandArgs('tokens', args, { store: { type: 'string' } });
  const [action, user, ...extra] = parsed.positionals;
  if (action !== 'rotate' || user === undefined || extra.length > 0) {
    throw usageError('usage: tokens rotate USER_EMAIL');
  }
  const opened = openCliStore(stringOption(parsed, 'store'));
  try {
    const token = opened.store.rotateToken(user);
    const settings = opened.store.settings();
    out.print(`token: ${token}`);
    out.print(`BCC address: ${withToken(settings.bccAddress, token)}`);
    out.print(`forwarding address: ${withToken(settings.forwardingAddress, token)}`);
    return 0;
  } finally {
    opened.close();
  }
}

/** SPEC §0, C6: `never-log list|add|remove [ENTRY…] [--user USER]`: the account's list, or a user's own. */
export async function runNeverLogCommand(args: ReadonlyArray<string>, out: CliOutput): Promise<number> {
  const parsed = parseCommandArgs('never-log', args, { store: { type: 'string' }, user: { type: 'string' } });
  const [action, ...entries] = parsed.positionals;
  const user = stringOption(parsed, 'user');
  const listing = action === 'list' && entries.length === 0;
  const changing = (action === 'add' || action === 'remove') && entries.length > 0;
  if (!listing && !changing) {
    throw usageError('usage: never-log list | never-log add|remove ENTRY… [--user USER_EMAIL]');
  }
  const opened = openCliStore(stringOption(parsed, 'store'));
  try {
    if (action === 'list') {
      opened.store.listNeverLog(user).forEach((entry) => out.print(entry));
      return 0;
    }
    let exitCode = 0;
    for (const entry of entries) {
      if (action === 'add') {
        out.print(`added ${opened.store.addNeverLog(entry, user)}`);
      } else if (opened.store.removeNeverLog(entry, user)) {
        out.print(`removed ${entry}`);
      } else {
        out.error(`${entry} was not on the list`);
        exitCode = 1;
      }
    }
    return exitCode;
  } finally {
    opened.close();
  }
}
