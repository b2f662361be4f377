import { z } from 'zod';
import { normalizeAddress, normalizeDomain } from '../address/normalize-address.js';
import { normalizeNeverLogEntry } from '../address/normalize-never-log-entry.js';
import { normalizeToken } from '../address/normalize-token.js';
import type { CrmData, Settings } from './crm-data.js';

/*
 * CRM.json as a zod schema (docs/rules.md, CRM data): platform-free, so the companion, the add-in and the tray
 * read it the same way. Every address, domain, token and never-log entry comes out normalised, dates as ISO-8601
 * instants; each message says what was expected, and describeSchemaIssue() puts the field's path before it.
 */

const text = z.string({ error: 'expected a string' });

/** A string read by `normalize`, which returns null for what it cannot read: then `message` is the issue. */
function normalized(normalize: (value: string) => string | null, message: string) {
  return text.transform((value, ctx) => {
    const result = normalize(value);
    if (result === null) {
      ctx.issues.push({ code: 'custom', message, input: value });
      return z.NEVER;
    }
    return result;
  });
}

/** An object that names any key it does not know: a mistyped key would otherwise drop a setting silently. */
function strict<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? 'unknown field' : 'expected an object'),
  });
}

function list<Item extends z.ZodType>(item: Item) {
  return z.array(item, { error: 'expected an array' });
}

/** A list whose repeats say nothing new (the same alias twice): kept once, in first-seen order. */
function set<Item extends z.ZodType<string>>(item: Item) {
  return list(item).transform((items) => [...new Set(items)]);
}

function wholeNumber(check: (n: number) => boolean, message: string) {
  return z.number({ error: message }).refine((n) => Number.isFinite(n) && check(n), message);
}

const address = normalized(normalizeAddress, 'not an email address');
const domain = normalized((value) => {
  const normal = normalizeDomain(value);
  return normal !== null && normal.includes('.') ? normal : null;
}, 'not a domain');
const neverLogEntry = text.transform((value, ctx) => {
  const entry = normalizeNeverLogEntry(value);
  if (!entry.ok) {
    ctx.issues.push({ code: 'custom', message: entry.error, input: value });
    return z.NEVER;
  }
  return entry.value;
});
const instant = normalized((value) => {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}, 'not a date (ISO-8601 expected)');

/** One entry per setting: a setting added to `Settings` does not compile until it is added here. */
const settingsShape = {
  bccAddress: address,
  forwardingAddress: address,
  requireToken: z.boolean({ error: 'expected true or false' }),
  internalDomains: set(domain),
  attachmentLimitMB: z
    .number({ error: 'expected a positive number of MB' })
    .refine((n) => Number.isFinite(n) && n > 0, 'expected a positive number of MB'),
  dealsPerContact: wholeNumber((n) => Number.isInteger(n) && n >= 0, 'expected a whole number ≥ 0'),
  dealSort: z.literal('createdAt', { error: "expected 'createdAt'" }),
  freeMailDomains: set(domain),
  requireDmarc: z.boolean({ error: 'expected true or false' }),
  authServId: text.trim().min(1, 'expected a non-empty string or null').nullable(),
  /** B2: at most this many addresses are looked up in the backend for one message. */
  maxFactLookups: wholeNumber((n) => Number.isInteger(n) && n >= 0, 'expected a whole number ≥ 0'),
} satisfies { readonly [Key in keyof Settings]-?: z.ZodType<Settings[Key]> };

const userSchema = strict({
  id: wholeNumber((n) => Number.isSafeInteger(n) && n > 0, 'expected a whole number > 0'),
  email: address,
  name: text.optional(),
  aliases: set(address).optional(),
  token: normalized(normalizeToken, 'a token is 1 to 64 letters a-z and digits (it goes into an address)')
    .nullable()
    .optional(),
  neverLog: set(neverLogEntry).optional(),
  locale: z.enum(['en', 'ja'], { error: "expected 'en' or 'ja'" }).optional(),
  bccAddress: address.optional(),
  forwardingAddress: address.optional(),
});

const companySchema = strict({ domain, name: text.optional() }).transform((company) => ({
  domain: company.domain,
  name: company.name ?? company.domain,
}));

const contactSchema = strict({
  email: address,
  name: text.optional(),
  company: domain.nullable().optional(),
});

const dealSchema = strict({
  id: z
    .union([z.number().transform(String), text.trim()], { error: 'expected a string' })
    .refine((id) => id !== '', 'expected a non-empty id'),
  name: text,
  stage: z.enum(['open', 'won', 'lost'], { error: "expected 'open', 'won' or 'lost'" }),
  createdAt: instant,
  contacts: set(address).default([]),
});

type Keyed = { readonly [field: string]: unknown };

/**
 * The first item of `items` whose `field` repeats an earlier one's, as an issue on the later one. Ids, addresses
 * and tokens identify one record each: two users with one token would log each other's mail.
 */
function repeated(items: ReadonlyArray<Keyed>, list: string, field: string): z.core.$ZodRawIssue | null {
  const seen = new Map<string, number>();
  for (const [index, item] of items.entries()) {
    const value = item[field];
    if (value === null || value === undefined) {
      continue;
    }
    const key = String(value);
    const first = seen.get(key);
    if (first !== undefined) {
      return {
        code: 'custom',
        message: `${key} is already used by ${list}[${first}]`,
        path: [list, index, field],
        input: value,
      };
    }
    seen.set(key, index);
  }
  return null;
}

/** C1: a personal logging address is delivered to one user's folder, so it names exactly one user. */
function repeatedPersonalAddress(users: ReadonlyArray<Keyed>): z.core.$ZodRawIssue | null {
  const seen = new Map<string, string>();
  for (const [index, user] of users.entries()) {
    for (const field of ['bccAddress', 'forwardingAddress']) {
      const value = user[field];
      if (typeof value !== 'string') {
        continue;
      }
      const first = seen.get(value);
      if (first !== undefined) {
        return {
          code: 'custom',
          message: `${value} is already used by ${first}`,
          path: ['users', index, field],
          input: value,
        };
      }
      seen.set(value, `users[${index}].${field}`);
    }
  }
  return null;
}

/** CRM.json: only `users` is required; everything else is upserted when present, and absent stays absent. */
export const crmDataSchema = strict({
  settings: strict(settingsShape).partial().optional(),
  users: z.array(userSchema, {
    error: (issue) => (issue.input === undefined ? 'required' : 'expected an array'),
  }),
  companies: list(companySchema).optional(),
  contacts: list(contactSchema).optional(),
  deals: list(dealSchema).optional(),
  neverLog: set(neverLogEntry).optional(),
}).check((ctx) => {
  const data = ctx.value;
  const issue =
    repeated(data.users, 'users', 'id') ??
    repeated(data.users, 'users', 'email') ??
    repeated(data.users, 'users', 'token') ??
    repeatedPersonalAddress(data.users) ??
    repeated(data.companies ?? [], 'companies', 'domain') ??
    repeated(data.contacts ?? [], 'contacts', 'email') ??
    repeated(data.deals ?? [], 'deals', 'id');
  if (issue !== null) {
    ctx.issues.push(issue);
  }
}) satisfies z.ZodType<CrmData>;
