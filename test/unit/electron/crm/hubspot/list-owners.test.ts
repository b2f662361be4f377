import { describe, expect, it } from 'vitest';
import { createOwnerListing } from '../../../../../electron/crm/hubspot/list-owners.js';
import { answer, recordingCall } from './call-fakes.js';

describe('createOwnerListing', () => {
  it('reads every page, keeps owners with an address, in lower case', async () => {
    const asked: Array<string | undefined> = [];
    const { call } = recordingCall();
    const list = createOwnerListing(
      {
        ownersPage: (after) => {
          asked.push(after);
          return after === undefined
            ? answer({
                results: [{ id: '1', email: 'Ann@Corp.example' }, { id: '2' }],
                paging: { next: { after: 'x' } },
              })
            : answer({ results: [{ id: '3', email: 'tom@corp.example' }] });
        },
      },
      call,
    );
    expect(await list()).toEqual([
      { id: '1', email: 'ann@corp.example' },
      { id: '3', email: 'tom@corp.example' },
    ]);
    expect(asked).toEqual([undefined, 'x']);
  });
});
