import { describe, expect, it } from 'vitest';
import { createContactIds } from '../../../../../electron/crm/hubspot/contact-ids.js';
import type { CreateInput, RemoteObject } from '../../../../../electron/crm/hubspot/hubspot-api.js';
import { HubSpotFailure } from '../../../../../electron/crm/hubspot/hubspot-failure.js';
import { createRemoteIds } from '../../../../../electron/crm/hubspot/remote-ids.js';
import { buildContact } from '../helpers/build-decision.js';

/** A portal of contacts by address; `onCreate` may refuse or race before a create is carried out. */
function portal(onCreate: (inputs: ReadonlyArray<CreateInput>) => void = () => undefined) {
  const contacts = new Map<string, string>();
  let next = 100;
  const created: string[][] = [];
  const warnings: string[] = [];
  const ids = createRemoteIds();
  const contactIds = createContactIds({
    api: {
      readObjects: (_, emails) =>
        Promise.resolve(
          emails.flatMap((e): RemoteObject[] => {
            const id = contacts.get(e.toLowerCase());
            return id === undefined ? [] : [{ id, properties: { email: e } }];
          }),
        ),
      createObjects: (_, inputs) => {
        onCreate(inputs);
        created.push(inputs.map((i) => i.properties.email ?? ''));
        return Promise.resolve(
          inputs.map((i) => {
            const id = String(next++);
            contacts.set(i.properties.email ?? '', id);
            return { id, properties: { email: i.properties.email ?? '' } };
          }),
        );
      },
    },
    ids,
    now: () => new Date(0),
    onWarning: (m) => warnings.push(m),
  });
  return { contacts, created, warnings, ids, contactIds };
}

describe('createContactIds', () => {
  it('B4: reads existing contacts, creates the missing ones linked to their company, and remembers every id', async () => {
    const p = portal();
    p.contacts.set('bob@acme.example', '7');
    const ids = await p.contactIds(
      [
        buildContact({ email: 'Bob@Acme.example' }),
        buildContact({ email: 'new@acme.example', created: true }),
      ],
      new Map([['acme.example', '55']]),
    );
    expect(ids).toEqual(
      new Map([
        ['bob@acme.example', '7'],
        ['new@acme.example', '100'],
      ]),
    );
    expect(p.created).toEqual([['new@acme.example']]);
    expect(p.ids.contactByEmail.get('new@acme.example')).toBe('100');
  });

  it('a 409 (created meanwhile) reads again and creates only what is still missing', async () => {
    let raced = false;
    const p = portal((inputs) => {
      if (!raced) {
        raced = true;
        p.contacts.set('race@acme.example', '9'); // another writer, between our read and our create
        throw new HubSpotFailure('conflict', 'Contact already exists. Existing ID: 9', 409, undefined);
      }
      expect(inputs.map((i) => i.properties.email)).toEqual(['other@acme.example']);
    });
    const ids = await p.contactIds(
      [buildContact({ email: 'race@acme.example' }), buildContact({ email: 'other@acme.example' })],
      new Map(),
    );
    expect(ids.get('race@acme.example')).toBe('9');
    expect(ids.get('other@acme.example')).toBe('100');
  });

  it('a rejected batch is tried contact by contact; a refused address is left out with a warning', async () => {
    const p = portal((inputs) => {
      if (inputs.some((i) => i.properties.email === 'bad@acme.example')) {
        throw new HubSpotFailure('rejected', 'Email address bad@acme.example is invalid', 400, undefined);
      }
    });
    const ids = await p.contactIds(
      [buildContact({ email: 'bad@acme.example' }), buildContact({ email: 'good@acme.example' })],
      new Map(),
    );
    expect([...ids.keys()]).toEqual(['good@acme.example']);
    expect(p.warnings.join('\n')).toMatch(/bad@acme\.example not created/);
  });

  it('passes on a failure that is not about the input', async () => {
    const p = portal(() => {
      throw new HubSpotFailure('unavailable', 'down', 503, undefined);
    });
    await expect(p.contactIds([buildContact({ email: 'new@acme.example' })], new Map())).rejects.toThrow(
      'down',
    );
  });
});
