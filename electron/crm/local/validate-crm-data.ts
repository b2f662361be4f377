import type { CrmData, Settings } from '../../../shared/model/crm-data.js';
import { err, ok, type Result } from '../../../shared/util/result.js';
import {
  address,
  addresses,
  array,
  boolean,
  domain,
  fail,
  instant,
  Invalid,
  neverLogList,
  number,
  object,
  optional,
  string,
} from './read-json-field.js';
import { normalizeToken } from './token.js';

const settingsReaders: { readonly [K in keyof Settings]-?: (v: unknown, p: string) => Settings[K] } = {
  bccAddress: address,
  forwardingAddress: address,
  requireToken: boolean,
  internalDomains: (v, p) => [...new Set(array(v, p).map((d, i) => domain(d, `${p}[${i}]`)))],
  attachmentLimitMB: (v, p) => number(v, p, (n) => n > 0, 'expected a positive number of MB'),
  dealsPerContact: (v, p) =>
    number(v, p, (n) => Number.isInteger(n) && n >= 0, 'expected a whole number ≥ 0'),
  dealSort: (v, p) => (v === 'createdAt' ? v : fail(p, "expected 'createdAt'")),
  freeMailDomains: (v, p) => [...new Set(array(v, p).map((d, i) => domain(d, `${p}[${i}]`)))],
  requireDmarc: boolean,
  maxFactLookups: (v, p) => number(v, p, (n) => Number.isInteger(n) && n >= 0, 'expected a whole number ≥ 0'),
  authServId: (v, p) =>
    v === null ? null : string(v, p).trim() || fail(p, 'expected a non-empty string or null'),
};

function settings(value: unknown, path: string): Partial<Settings> {
  const json = object(value, path, Object.keys(settingsReaders));
  return Object.assign(
    {},
    ...Object.entries(settingsReaders).map(([key, read]: [string, (v: unknown, p: string) => unknown]) =>
      optional(json, key, path, read),
    ),
  ) as Partial<Settings>;
}

const userKeys = [
  'id',
  'email',
  'name',
  'aliases',
  'token',
  'neverLog',
  'locale',
  'bccAddress',
  'forwardingAddress',
];

function user(value: unknown, path: string): CrmData['users'][number] {
  const json = object(value, path, userKeys);
  return {
    id: number(
      json['id'],
      `${path}.id`,
      (n) => Number.isSafeInteger(n) && n > 0,
      'expected a whole number > 0',
    ),
    email: address(json['email'], `${path}.email`),
    ...optional(json, 'name', path, string),
    ...optional(json, 'aliases', path, addresses),
    ...optional(json, 'token', path, (v, p) => {
      if (v === null) {
        return null;
      }
      const token = normalizeToken(string(v, p));
      return token ?? fail(p, 'a token is 1 to 64 letters a-z and digits (it goes into an address)');
    }),
    ...optional(json, 'neverLog', path, neverLogList),
    ...optional(json, 'locale', path, (v, p) =>
      v === 'en' || v === 'ja' ? v : fail(p, "expected 'en' or 'ja'"),
    ),
    ...optional(json, 'bccAddress', path, address),
    ...optional(json, 'forwardingAddress', path, address),
  };
}

function company(value: unknown, path: string): NonNullable<CrmData['companies']>[number] {
  const json = object(value, path, ['domain', 'name']);
  const d = domain(json['domain'], `${path}.domain`);
  return { domain: d, name: json['name'] === undefined ? d : string(json['name'], `${path}.name`) };
}

function contact(value: unknown, path: string): NonNullable<CrmData['contacts']>[number] {
  const json = object(value, path, ['email', 'name', 'company']);
  return {
    email: address(json['email'], `${path}.email`),
    ...optional(json, 'name', path, string),
    ...optional(json, 'company', path, (v, p) => (v === null ? null : domain(v, p))),
  };
}

function deal(value: unknown, path: string): NonNullable<CrmData['deals']>[number] {
  const json = object(value, path, ['id', 'name', 'stage', 'createdAt', 'contacts']);
  const id = typeof json['id'] === 'number' ? String(json['id']) : string(json['id'], `${path}.id`).trim();
  const stage = json['stage'];
  return {
    id: id === '' ? fail(`${path}.id`, 'expected a non-empty id') : id,
    name: string(json['name'], `${path}.name`),
    stage:
      stage === 'open' || stage === 'won' || stage === 'lost'
        ? stage
        : fail(`${path}.stage`, "expected 'open', 'won' or 'lost'"),
    createdAt: instant(json['createdAt'], `${path}.createdAt`),
    contacts: json['contacts'] === undefined ? [] : addresses(json['contacts'], `${path}.contacts`),
  };
}

/** A key that must not repeat within one list of CRM.json (ids, addresses, tokens). */
function unique<T>(
  items: ReadonlyArray<T>,
  path: string,
  field: string,
  keyOf: (t: T) => string | null | undefined,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    if (key === null || key === undefined) {
      return;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      fail(`${path}[${i}].${field}`, `${key} is already used by ${path}[${first}]`);
    }
    seen.set(key, i);
  });
}

/** C1: a personal logging address is delivered to one user's folder, so it names exactly one user. */
function uniquePersonalAddresses(users: CrmData['users']): void {
  const seen = new Map<string, string>();
  users.forEach((u, i) => {
    for (const field of ['bccAddress', 'forwardingAddress'] as const) {
      const a = u[field];
      const path = `users[${i}].${field}`;
      const first = a === undefined ? undefined : seen.get(a);
      if (first !== undefined) {
        fail(path, `${a} is already used by ${first}`);
      }
      if (a !== undefined) {
        seen.set(a, path);
      }
    }
  });
}

/**
 * Reads CRM.json (SPEC §7) from `unknown`: only `users` is required; every address, domain and never-log entry
 * comes back normalised, dates as ISO-8601 instants. The error names the first bad field, e.g.
 * `users[2].email: not an email address`, so the CLI can print it on one line.
 */
export function validateCrmData(raw: unknown): Result<CrmData, string> {
  try {
    const json = object(raw, 'CRM data', ['settings', 'users', 'companies', 'contacts', 'deals', 'neverLog']);
    if (json['users'] === undefined) {
      fail('users', 'required');
    }
    const users = array(json['users'], 'users').map((u, i) => user(u, `users[${i}]`));
    unique(users, 'users', 'id', (u) => String(u.id));
    unique(users, 'users', 'email', (u) => u.email);
    unique(users, 'users', 'token', (u) => u.token);
    uniquePersonalAddresses(users);
    const list = <T>(key: string, read: (v: unknown, p: string) => T): Record<string, ReadonlyArray<T>> =>
      json[key] === undefined ? {} : { [key]: array(json[key], key).map((v, i) => read(v, `${key}[${i}]`)) };
    const data: CrmData = {
      ...(json['settings'] === undefined ? {} : { settings: settings(json['settings'], 'settings') }),
      users,
      ...list('companies', company),
      ...list('contacts', contact),
      ...list('deals', deal),
      ...(json['neverLog'] === undefined ? {} : { neverLog: neverLogList(json['neverLog'], 'neverLog') }),
    };
    unique(data.companies ?? [], 'companies', 'domain', (c) => c.domain);
    unique(data.contacts ?? [], 'contacts', 'email', (c) => c.email);
    unique(data.deals ?? [], 'deals', 'id', (d) => d.id);
    return ok(data);
  } catch (e) {
    if (e instanceof Invalid) {
      return err(e.message);
    }
    throw e;
  }
}
