import { normalizeAddress, normalizeDomain } from '../../../shared/address/normalize-address.js';
import { normalizeNeverLogEntry } from './never-log-entry.js';

/*
 * Readers for one JSON field each, used by validate-crm-data.ts. Each takes the value and its path in the
 * document (`users[2].email`) and either returns the value, normalised, or throws `Invalid` with a message
 * that names that path; the validator turns the first one into `err(message)`.
 */

/** Thrown inside the validator only, and turned into `err(message)` at its edge. */
export class Invalid extends Error {}

export type Json = Record<string, unknown>;

export function fail(path: string, what: string): never {
  throw new Invalid(`${path}: ${what}`);
}

export function object(value: unknown, path: string, keys: ReadonlyArray<string>): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, 'expected an object');
  }
  // A mistyped key (`requireTokens`) would otherwise be ignored silently, and the setting not applied.
  const unknown = Object.keys(value).find((k) => !keys.includes(k));
  if (unknown !== undefined) {
    fail(`${path}.${unknown}`, 'unknown field');
  }
  return value as Json;
}

export function array(value: unknown, path: string): ReadonlyArray<unknown> {
  return Array.isArray(value) ? value : fail(path, 'expected an array');
}

export function string(value: unknown, path: string): string {
  return typeof value === 'string' ? value : fail(path, 'expected a string');
}

export function address(value: unknown, path: string): string {
  return normalizeAddress(string(value, path)) ?? fail(path, 'not an email address');
}

export function domain(value: unknown, path: string): string {
  const d = normalizeDomain(string(value, path));
  return d !== null && d.includes('.') ? d : fail(path, 'not a domain');
}

export function addresses(value: unknown, path: string): ReadonlyArray<string> {
  return [...new Set(array(value, path).map((v, i) => address(v, `${path}[${i}]`)))];
}

export function neverLogList(value: unknown, path: string): ReadonlyArray<string> {
  return [
    ...new Set(
      array(value, path).map((v, i) => {
        const entry = normalizeNeverLogEntry(string(v, `${path}[${i}]`));
        return entry.ok ? entry.value : fail(`${path}[${i}]`, entry.error);
      }),
    ),
  ];
}

export function boolean(value: unknown, path: string): boolean {
  return typeof value === 'boolean' ? value : fail(path, 'expected true or false');
}

export function number(value: unknown, path: string, check: (n: number) => boolean, what: string): number {
  return typeof value === 'number' && Number.isFinite(value) && check(value) ? value : fail(path, what);
}

export function instant(value: unknown, path: string): string {
  const ms = Date.parse(string(value, path));
  return Number.isNaN(ms) ? fail(path, 'not a date (ISO-8601 expected)') : new Date(ms).toISOString();
}

/** Copies `key` through `read` when the input has it, so that absent stays absent (an upsert keeps it). */
export function optional<T>(
  json: Json,
  key: string,
  path: string,
  read: (v: unknown, p: string) => T,
): Record<string, T> {
  return key in json && json[key] !== undefined ? { [key]: read(json[key], `${path}.${key}`) } : {};
}
