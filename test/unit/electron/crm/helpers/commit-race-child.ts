/**
 * One competitor in the R2 race (commit-decision.race.test.ts), run as its own process with its own connection:
 * open the store, read the facts (nothing is logged yet, so the "decision" is `logged`), say `ready`, wait
 * for `go` on stdin, then commit the shared message and one message of its own. Prints each result as a JSON
 * line. Arguments: store folder, competitor number.
 */
import { openLocalStore } from '../../../../../electron/crm/local/open-local-store.js';
import { buildContact, buildDecision, buildEmail } from './build-decision.js';

const [dir, n] = process.argv.slice(2);
if (dir === undefined || n === undefined) {
  throw new Error('usage: commit-race-child.ts DIR N');
}
const store = openLocalStore(dir);
const shared = { messageId: '<shared@corp.example>', contentKey: 'ck1:shared' };
const facts = store.fetchFacts({
  addresses: ['new.person@globex.example'],
  names: [],
  identityKeys: Object.values(shared),
});
if (facts.logged.length > 0) {
  throw new Error('the race starts before anyone has logged');
}
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  const newContact = buildContact({
    email: 'new.person@globex.example',
    name: 'New Person',
    created: true,
    role: 'to',
  });
  const sharedResult = store.commit({
    decision: buildDecision({
      ownerId: null,
      email: buildEmail({ messageId: shared.messageId }),
      contacts: [newContact],
      identity: shared,
    }),
    messageId: `<copy-${n}@corp.example>`,
    rawSha256: null,
    receivedAt: new Date().toISOString(),
  });
  const ownResult = store.commit({
    decision: buildDecision({
      ownerId: null,
      email: buildEmail({ messageId: `<own-${n}@corp.example>` }),
      contacts: [newContact],
      identity: { messageId: `<own-${n}@corp.example>`, contentKey: `ck1:own-${n}` },
    }),
    rawSha256: null,
    receivedAt: new Date().toISOString(),
  });
  store.close();
  process.stdout.write(`${JSON.stringify(sharedResult)}\n${JSON.stringify(ownResult)}\n`);
  process.exit(0);
});
