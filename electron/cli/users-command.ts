import type { Locale, User } from '#shared/model/crm-data.js';
import { usageError } from './cli-error.js';
import { formatTable } from './format-table.js';
import type { CliOutput } from './cli-output.js';
import { openAdminStore } from './admin-store.js';
import { booleanOption, parseCommandArgs, stringOption } from './parse-command-args.js';

const usersUsage =
  'users list | users add EMAIL [--name N] [--locale en|ja] [--id N] | users set EMAIL [--name N] [--locale en|ja] [--email NEW] | users addresses EMAIL [--bcc ADDR|none] [--fwd ADDR|none]';

function localeOption(value: string | undefined): Locale | undefined {
  if (value === undefined || value === 'en' || value === 'ja') {
    return value;
  }
  throw usageError(`users: --locale is en or ja, not ${JSON.stringify(value)}`);
}

/** One row per user; the columns say which logging addresses reach the user, and how. */
function usersTable(users: ReadonlyArray<User>): string {
  if (users.length === 0) {
    return "No users yet: add them from a CRM file with 'import-crm CRM.json', or one by one with 'users add EMAIL'.";
  }
  const rows = users.map((user) => [
    String(user.id),
    user.email,
    user.name ?? '',
    user.locale,
    user.aliases.join(', '),
    user.token ? 'yes' : 'no',
    [user.bccAddress, user.forwardingAddress].filter((address) => address !== undefined).join(', '),
  ]);
  const header = ['id', 'email', 'name', 'locale', 'aliases', 'token', 'personal addresses'];
  return [formatTable(header, rows), '', addressesExplained].join('\n');
}

const addressesExplained = [
  'token: the user has a token, so the tokenized addresses log+bcc.<token>@… and log+fwd.<token>@… (the account',
  "  addresses with the token added) prove the mail is theirs; 'tokens rotate EMAIL' makes a new one and prints them.",
  'personal addresses: addresses of the user alone; mail to them is logged for that user without a token.',
].join('\n');

/** C6: the account's users and their personal logging addresses. */
export async function runUsersCommand(args: ReadonlyArray<string>, out: CliOutput): Promise<number> {
  const parsed = parseCommandArgs('users', args, {
    store: { type: 'string' },
    config: { type: 'string' },
    json: { type: 'boolean' },
    name: { type: 'string' },
    locale: { type: 'string' },
    id: { type: 'string' },
    email: { type: 'string' },
    bcc: { type: 'string' },
    fwd: { type: 'string' },
  });
  const [action, email, ...extra] = parsed.positionals;
  if (extra.length > 0) {
    throw usageError(`users: unexpected argument ${JSON.stringify(extra[0])}`);
  }
  if (action !== 'list' && email === undefined) {
    throw usageError(`usage: ${usersUsage}`);
  }
  const opened = await openAdminStore({
    store: stringOption(parsed, 'store'),
    config: stringOption(parsed, 'config'),
  });
  try {
    const show = (user: User): void =>
      out.print(booleanOption(parsed, 'json') ? JSON.stringify(user) : usersTable([user]));
    const name = stringOption(parsed, 'name');
    const locale = localeOption(stringOption(parsed, 'locale'));
    switch (action) {
      case 'list': {
        const users = opened.store.listUsers();
        if (booleanOption(parsed, 'json')) {
          users.forEach(show);
        } else {
          out.print(usersTable(users));
        }
        return 0;
      }
      case 'add': {
        const idText = stringOption(parsed, 'id');
        const id = idText === undefined ? undefined : Number(idText);
        if (id !== undefined && (!Number.isInteger(id) || id < 1)) {
          throw usageError(`users add: --id takes a whole number above 0, not ${JSON.stringify(idText)}`);
        }
        show(
          opened.store.addUser({
            email: email ?? '',
            ...(id === undefined ? {} : { id }),
            ...(name === undefined ? {} : { name }),
            ...(locale === undefined ? {} : { locale }),
          }),
        );
        return 0;
      }
      case 'set': {
        const newEmail = stringOption(parsed, 'email');
        show(
          opened.store.updateUser(email ?? '', {
            ...(newEmail === undefined ? {} : { email: newEmail }),
            ...(name === undefined ? {} : { name }),
            ...(locale === undefined ? {} : { locale }),
          }),
        );
        return 0;
      }
      case 'addresses': {
        const bcc = stringOption(parsed, 'bcc');
        const fwd = stringOption(parsed, 'fwd');
        show(
          opened.store.setPersonalAddresses(email ?? '', {
            ...(bcc === undefined ? {} : { bccAddress: bcc === 'none' ? null : bcc }),
            ...(fwd === undefined ? {} : { forwardingAddress: fwd === 'none' ? null : fwd }),
          }),
        );
        return 0;
      }
      default:
        throw usageError(`usage: ${usersUsage}`);
    }
  } finally {
    await opened.close();
  }
}
