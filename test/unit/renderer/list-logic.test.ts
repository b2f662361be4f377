import { describe, expect, it } from 'vitest';
import { counterpartOf } from '../../../renderer/format/counterpart-of.js';
import { matchesFilter } from '../../../renderer/format/matches-filter.js';
import { mergeEntry } from '../../../renderer/format/merge-entry.js';
import { parseList } from '../../../renderer/format/parse-list.js';
import { reasonSummary } from '../../../renderer/format/reason-summary.js';
import { resultEntry } from './result-entry-fixture.js';

const incoming = resultEntry({
  route: 'forward',
  email: {
    direction: 'incoming',
    from: 'dave@customer.example',
    to: ['ann@corp.example'],
    cc: [],
    subject: 'Fwd: Order',
    date: null,
    source: 'forwarded-block',
    parts: ['text'],
  },
});

describe('counterpartOf', () => {
  it('names the recipients of an outgoing mail, To before Cc', () => {
    expect(counterpartOf(resultEntry())).toBe('bob@acme.example, carol@acme.example');
  });
  it('names the original sender of an incoming (forwarded) mail, not the forwarder', () => {
    expect(counterpartOf(incoming)).toBe('dave@customer.example');
  });
  it('is null for a result whose message could not be read', () => {
    expect(counterpartOf(resultEntry({ email: undefined }))).toBeNull();
  });
});

describe('matchesFilter', () => {
  const rejected = resultEntry({ id: 2, status: 'rejected', reasons: ['sender-not-user'], sync: 'local' });
  it('keeps only the chosen status', () => {
    expect(matchesFilter(rejected, { status: 'rejected' })).toBe(true);
    expect(matchesFilter(rejected, { status: 'logged' })).toBe(false);
  });
  it('keeps only failed syncs under the sync filter', () => {
    expect(matchesFilter(resultEntry({ sync: 'failed' }), { sync: 'failed' })).toBe(true);
    expect(matchesFilter(resultEntry({ sync: 'synced' }), { sync: 'failed' })).toBe(false);
  });
  it('needs every word somewhere in subject, counterpart, owner or reason codes, ignoring case', () => {
    expect(matchesFilter(rejected, { q: 'RENEWAL sender-not' })).toBe(true);
    expect(matchesFilter(rejected, { q: 'renewal acme.example ann@' })).toBe(true);
    expect(matchesFilter(rejected, { q: 'renewal invoice' })).toBe(false);
    expect(matchesFilter(incoming, { q: 'dave' })).toBe(true);
  });
  it('lets everything through when empty', () => {
    expect(matchesFilter(rejected, { q: '   ' })).toBe(true);
  });
});

describe('mergeEntry', () => {
  const list = [resultEntry({ id: 9 }), resultEntry({ id: 5 }), resultEntry({ id: 3 })];
  it('puts a new result in journal order, newest first', () => {
    expect(mergeEntry(list, resultEntry({ id: 12 }), {}, false).map((e) => e.id)).toEqual([12, 9, 5, 3]);
    expect(mergeEntry(list, resultEntry({ id: 7 }), {}, false).map((e) => e.id)).toEqual([9, 7, 5, 3]);
  });
  it('replaces a changed result in place', () => {
    const merged = mergeEntry(list, resultEntry({ id: 5, sync: 'failed' }), {}, false);
    expect(merged.map((e) => [e.id, e.sync])).toEqual([
      [9, 'synced'],
      [5, 'failed'],
      [3, 'synced'],
    ]);
  });
  it('drops a shown result that no longer matches, and ignores a new one that does not', () => {
    const failedOnly = [resultEntry({ id: 5, sync: 'failed' })];
    expect(mergeEntry(failedOnly, resultEntry({ id: 5, sync: 'synced' }), { sync: 'failed' }, true)).toEqual(
      [],
    );
    expect(mergeEntry(failedOnly, resultEntry({ id: 8, sync: 'synced' }), { sync: 'failed' }, true)).toBe(
      failedOnly,
    );
  });
  it('appends an older result only when every page is loaded', () => {
    expect(mergeEntry(list, resultEntry({ id: 1 }), {}, false).map((e) => e.id)).toEqual([9, 5, 3]);
    expect(mergeEntry(list, resultEntry({ id: 1 }), {}, true).map((e) => e.id)).toEqual([9, 5, 3, 1]);
    expect(mergeEntry([], resultEntry({ id: 1 }), {}, true).map((e) => e.id)).toEqual([1]);
  });
});

describe('reasonSummary', () => {
  it('says the first reason and how many others there are', () => {
    expect(reasonSummary(resultEntry({ reasons: ['never-log'] }))).toEqual({
      key: 'reason.never-log',
      values: {},
    });
    expect(
      reasonSummary(resultEntry({ reasons: ['never-log', 'bcc-recipient', 'internal-recipient'] })),
    ).toEqual({
      key: 'row.reasonAndMore',
      values: { reasonKey: 'reason.never-log', count: 2 },
    });
  });
  it('says how many contacts a result without reasons was logged to', () => {
    expect(reasonSummary(resultEntry())).toEqual({ key: 'row.loggedTo', values: { count: 1 } });
  });
  it('says a duplicate was already logged', () => {
    expect(reasonSummary(resultEntry({ status: 'duplicate' }))).toEqual({ key: 'row.duplicate', values: {} });
  });
});

describe('parseList', () => {
  it('splits on commas and spaces, dropping empties and repeats', () => {
    expect(parseList(' corp.example, corp.example  sub.corp.example,,')).toEqual([
      'corp.example',
      'sub.corp.example',
    ]);
    expect(parseList('')).toEqual([]);
  });
});
