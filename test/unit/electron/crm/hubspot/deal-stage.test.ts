import { describe, expect, it } from 'vitest';
import { mapDealStage } from '../../../../../electron/crm/hubspot/deal-stage.js';
import { primaryCompanyOf } from '../../../../../electron/crm/hubspot/fetch-remote-facts.js';

describe('mapDealStage', () => {
  it.each([
    [{ dealstage: 'appointmentscheduled', hs_is_closed: 'false', hs_is_closed_won: 'false' }, 'open'],
    [{ dealstage: 'contractsent' }, 'open'],
    [{ dealstage: 'closedwon' }, 'won'],
    [{ dealstage: 'closedlost' }, 'lost'],
    [{ dealstage: '12345678', hs_is_closed: 'true', hs_is_closed_won: 'true' }, 'won'],
    [{ dealstage: '12345679', hs_is_closed: 'true', hs_is_closed_won: 'false' }, 'lost'],
    [{ dealstage: '12345680', hs_is_closed: 'false', hs_is_closed_won: 'false' }, 'open'],
    [{}, 'open'],
  ] as const)('B7: maps %j to %s', (properties, stage) => {
    expect(mapDealStage(properties)).toBe(stage);
  });
});

describe('primaryCompanyOf', () => {
  it('prefers the company labelled primary (type 1), else the oldest id', () => {
    expect(
      primaryCompanyOf([
        { toId: '20', typeIds: [279] },
        { toId: '30', typeIds: [1, 279] },
      ]),
    ).toBe('30');
    expect(
      primaryCompanyOf([
        { toId: '30', typeIds: [279] },
        { toId: '20', typeIds: [279] },
      ]),
    ).toBe('20');
    expect(primaryCompanyOf([])).toBeNull();
  });
});
