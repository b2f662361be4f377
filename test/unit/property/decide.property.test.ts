import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNeverLog } from '#shared/address/is-never-log.js';
import { normalizeAddress } from '#shared/address/normalize-address.js';
import type { Facts, User } from '#shared/model/crm-data.js';
import type { Envelope, MailAddress, ParsedMessage } from '#shared/model/parsed-message.js';
import { addressesOf } from '#shared/rules/account-index.js';
import { decide } from '#shared/rules/decide.js';
import { ann, bob, carol, dave, ken, makeFacts, makeMessage } from '../shared/rules/builders.js';

/**
 * invariants of decide() over random accounts and messages. Whatever the input: a never-log address
 * is never associated; a Bcc recipient is never created or associated; a message is never owned by a non-user;
 * a logged BCC's owner has From among their addresses; display names and comments never change the owner.
 */

const shared: User = {
  ...ken,
  id: 3,
  email: 'sales@corp.example',
  aliases: ['team@corp.example'],
  token: 't0k3',
};
const annShared: User = { ...ann, aliases: [...ann.aliases, 'team@corp.example'] };
const pool = [
  'ann@corp.example',
  'A.Smith@Corp.Example',
  'ken@corp.example',
  'team@corp.example',
  'sales@corp.example',
  'bob@acme.example',
  'carol@acme.example',
  'dave@globex.example',
  'spy@competitor.example',
  'x@sub.competitor.example',
  'new.person@newco.example',
  'stranger@evil.example',
  'log+bcc@corp.example',
  'log+fwd@corp.example',
  'log+bcc.k3x9@corp.example',
  'intern@corp.example',
];
const neverLogPool = [
  'competitor.example',
  '*.competitor.example',
  '*@newco.example',
  'bob@acme.example',
  'globex.example',
];
const names = fc.oneof(
  fc.constant(''),
  fc.string(),
  fc.constantFrom(...pool),
  fc.constantFrom(...pool).map((a) => `"${a}"`),
);
const mailboxArb = fc.record({ name: names, address: fc.constantFrom(...pool) });
const list = fc.array(mailboxArb, { maxLength: 5 });

const facts = fc
  .record({
    neverLog: fc.subarray(neverLogPool),
    annNeverLog: fc.subarray(neverLogPool),
    requireToken: fc.boolean(),
    withShared: fc.boolean(),
  })
  .map(({ neverLog, annNeverLog, requireToken, withShared }): Facts =>
    makeFacts({
      users: withShared
        ? [{ ...annShared, neverLog: annNeverLog }, ken, shared]
        : [{ ...ann, neverLog: annNeverLog }, ken],
      contacts: [bob, carol, dave],
      neverLog,
      settings: { requireToken },
    }),
  );
const envelope = fc.constantFrom<Envelope>(
  {},
  { recipient: 'log+bcc@corp.example' },
  { recipient: 'log+bcc.k3x9@corp.example' },
  { recipient: 'log+bcc.p7q2@corp.example' },
  { recipient: 'log+bcc.nobody@corp.example' },
  { route: 'log-now', userEmail: 'ann@corp.example' },
);
const message = fc
  .record({ from: fc.array(mailboxArb, { minLength: 0, maxLength: 2 }), to: list, cc: list, bcc: list })
  .map((m): ParsedMessage => makeMessage(m));

function key(address: string): string {
  return normalizeAddress(address) ?? `unparseable:${address}`;
}

describe('decide() invariants (properties)', () => {
  it('never associates a never-log address, a Bcc-only recipient, a user or a logging address', () => {
    fc.assert(
      fc.property(message, envelope, facts, (m, env, f) => {
        const d = decide(m, env, f);
        const owner = f.users.find((u) => u.id === d.ownerId);
        const visible = new Set([...m.to, ...m.cc].map((a) => key(a.address)));
        const bccOnly = m.bcc.map((a) => key(a.address)).filter((a) => !visible.has(a));
        for (const contact of d.contacts) {
          expect(isNeverLog(contact.email, [...f.neverLog, ...(owner?.neverLog ?? [])])).toBe(false);
          if (contact.role !== 'sender') {
            // B5 is about recipients: the sender of an incoming email who Bcc'd themselves is still its sender.
            expect(bccOnly).not.toContain(contact.email);
          }
          expect(contact.email.endsWith('@corp.example')).toBe(false);
        }
        if (d.status !== 'logged') {
          expect(d.contacts).toEqual([]);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('is owned by a user or nobody; a logged or skipped BCC is owned by a user who has From', () => {
    fc.assert(
      fc.property(message, envelope, facts, (m, env, f) => {
        const d = decide(m, env, f);
        if (d.owner === null) {
          expect(d.status).toBe('rejected');
          return;
        }
        const owner = f.users.find((u) => u.id === d.ownerId);
        expect(owner?.email).toBe(d.owner);
        if (d.route === 'bcc' && d.status !== 'rejected') {
          expect(m.from).toHaveLength(1);
          expect(addressesOf(owner as User)).toContain(key(m.from[0]?.address ?? ''));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never changes the owner or status for another display name or a comment on From', () => {
    const disguise = fc.record({
      name: fc.oneof(fc.string(), fc.constantFrom(...pool)),
      comment: fc.oneof(
        fc.constant(''),
        fc.constantFrom(...pool).map((a) => ` (${a})`),
      ),
    });
    fc.assert(
      fc.property(message, envelope, facts, disguise, (m, env, f, { name, comment }) => {
        const d = decide(m, env, f);
        const from: MailAddress[] = m.from.map((a) => ({ name, address: `${a.address}${comment}` }));
        const disguised = decide({ ...m, from }, env, f);
        expect({ owner: disguised.owner, status: disguised.status, reasons: disguised.reasons }).toEqual({
          owner: d.owner,
          status: d.status,
          reasons: d.reasons,
        });
      }),
      { numRuns: 3000 },
    );
  });
});
