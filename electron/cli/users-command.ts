import type { Locale, User } from '../../shared/model/crm-data.js';
import { usageError } from './cli-error.js';
import type { CliOutput } from './cli-output.js';
import { openCliStore } from './open-cli-store.js';
import { booleanOption, parseCommandArgs, stringOption } from './parse-command-args.js';

const usersUsage =
  'users list | users add EMAIL [--name N] [--locale en|ja] [--id N] | users set EMAIL [--name N] [--locale en|ja] [--email NEW] | users addresses EMAIL [--bcc ADDR|none] [--fwd ADDR|none]';

function localeOption(value: string | undefined): Locale | undefined {
  if (value === undefined || value === 'en' || value === 'ja') {
    return value;
  }
  throw usageError(`--locale is en or ja, not ${JSON.stringify(value)}`);
}

function describeUser(user: User): string {
  const parts = [`${user.id}  ${user.email}`];
  if (user.name) {
    parts.push(`name: ${user.name}`);
  }
  parts.push(`locale: ${user.locale}`);
  if (user.aliases.length > 0) {
    parts.push(`aliases: ${user.aliases.join(', ')}`);
  }
  parts.push(user.token ? 'token: set' : 'token: none');
  if (user.bccAddress) {
    parts.push(`bcc: ${user.bccAddress}`);
  }
  if (user.forwardingAddress) {
    parts.push(`fwd: ${user.forwardingAddress}`);
  }
  return parts.join('  ');
}

/** SPEC C6: the account's users and their personal logging addresses. */
export async function runUsersCommand(args: ReadonlyArray<string>, out: CliOutput): Promise<number> {
  const parsed = parseCommandArgs('users', args, {
    store: { type: 'string' },
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
  const opened = openCliStore(stringOption(parsed, 'store'));
  try {
    const show = (user: User): void =>
      out.print(booleanOption(parsed, 'json') ? JSON.stringify(user) : describeUser(user));
    const name = stringOption(parsed, 'name');
    const locale = localeOption(stringOption(parsed, 'locale'));
    switch (action) {
      case 'list':
        opened.store.listUsers().forEach(show);
        return 0;
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
    opened.close();
  }
}
