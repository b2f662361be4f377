import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiErrorCodes } from '#shared/api/api-error.js';
import { connectionStateSchema } from '#shared/api/companion-schemas.js';
import { forwardClientSchema, syncStateSchema } from '#shared/api/log-result.schema.js';
import { reasonCodes } from '#shared/model/reason-code.js';
import { formatTime } from '../../../renderer/format/format-time.js';
import { createI18n, pickLanguage } from '../../../renderer/i18n/create-i18n.js';

const rendererDir = path.resolve(import.meta.dirname, '../../../renderer');
const read = (language: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(rendererDir, 'i18n', `${language}.json`), 'utf8')) as Record<
    string,
    unknown
  >;

function keysOf(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keysOf(value as Record<string, unknown>, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'dist' ? [] : sourceFiles(full);
    }
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const en = keysOf(read('en'));
const ja = keysOf(read('ja'));

describe("the window's strings", () => {
  it('has the same keys in en.json and ja.json', () => {
    expect([...ja].sort()).toEqual([...en].sort());
  });

  it('has words for every reason code, API error code, sync state, connection state and forward client', () => {
    const wanted = [
      ...reasonCodes.map((c) => `reason.${c}`),
      ...apiErrorCodes.map((c) => `error.${c}`),
      ...syncStateSchema.options.map((s) => `sync.${s}`),
      ...connectionStateSchema.options.map((s) => `connection.${s}`),
      ...forwardClientSchema.options.map((c) => `client.${c}`),
    ];
    expect(wanted.filter((key) => !en.includes(key))).toEqual([]);
  });

  it('has every key the components name literally', () => {
    const used = sourceFiles(rendererDir).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)].map((m) => m[1] ?? ''),
    );
    expect(used.length).toBeGreaterThan(100);
    const plural = (key: string) => en.includes(`${key}_one`) && en.includes(`${key}_other`);
    expect([...new Set(used)].filter((key) => !en.includes(key) && !plural(key))).toEqual([]);
  });

  it('is Japanese in ja.json: every reason reads in Japanese script', () => {
    const jaTree = read('ja') as { reason: Record<string, string> };
    const notJapanese = Object.entries(jaTree.reason).filter(
      ([, words]) => !/[\u3040-\u30ff\u4e00-\u9fff]/.test(words),
    );
    expect(notJapanese).toEqual([]);
  });

  it('says a reason in the chosen language, with plurals in English', async () => {
    const enT = (await createI18n('en')).t;
    const jaT = (await createI18n('ja')).t;
    expect(enT('reason.never-log')).toBe('On the never-log list');
    expect(jaT('reason.never-log')).toBe('「記録しない」リストに含まれています');
    expect(enT('row.loggedTo', { count: 1 })).toBe('Logged to 1 contact');
    expect(enT('row.loggedTo', { count: 3 })).toBe('Logged to 3 contacts');
    expect(jaT('row.loggedTo', { count: 3 })).toBe('3 件のコンタクトに記録');
  });
});

describe('pickLanguage', () => {
  it("follows the system's first language the window speaks", () => {
    expect(pickLanguage(['ja-JP', 'en-US'])).toBe('ja');
    expect(pickLanguage(['de-DE', 'en-GB', 'ja'])).toBe('en');
    expect(pickLanguage(['fr-FR'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });
});

describe('formatTime', () => {
  const now = new Date(2026, 2, 2, 18, 0);
  it('shows only the time of day for today', () => {
    const today = new Date(2026, 2, 2, 9, 5).toISOString();
    expect(formatTime(today, 'en-GB', now)).toBe('09:05');
  });
  it('shows the date as well for another day, in the window language', () => {
    const earlier = new Date(2026, 1, 27, 9, 5).toISOString();
    expect(formatTime(earlier, 'en-GB', now)).toBe('27 Feb 2026, 09:05');
    expect(formatTime(earlier, 'ja', now)).toBe('2026年2月27日 09:05');
  });
  it('gives back what it cannot read', () => {
    expect(formatTime('not a date', 'en', now)).toBe('not a date');
  });
});
