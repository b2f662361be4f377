import { describe, expect, it } from 'vitest';
import { createEmailProperties } from '../../../../../electron/crm/hubspot/email-properties.js';
import { HubSpotFailure } from '../../../../../electron/crm/hubspot/hubspot-failure.js';
import type { EmailPropertyBody } from '../../../../../electron/crm/hubspot/sdk-endpoints.js';
import { answer, recordingCall } from './call-fakes.js';

describe('createEmailProperties', () => {
  const created: EmailPropertyBody[] = [];
  const { call, calls } = recordingCall();
  const api = createEmailProperties(
    {
      emailProperty: (name) =>
        name === 'missing'
          ? Promise.reject(new HubSpotFailure('not-found', 'no such property', 404, undefined))
          : name === 'broken'
            ? Promise.reject(new HubSpotFailure('unavailable', 'down', 503, undefined))
            : answer({ hasUniqueValue: name === 'unique' }),
      emailPropertyGroups: () => answer({ results: [{ name: 'emailinformation' }, { name: 'other' }] }),
      createEmailProperty: (property) => {
        created.push(property);
        return answer({});
      },
    },
    call,
  );

  it('says whether a property is unique, null when HubSpot has none, and passes other failures on', async () => {
    expect(await api.readEmailProperty('unique')).toEqual({ unique: true });
    expect(await api.readEmailProperty('plain')).toEqual({ unique: false });
    expect(await api.readEmailProperty('missing')).toBeNull();
    await expect(api.readEmailProperty('broken')).rejects.toThrow('down');
  });

  it('lists the groups by name and creates a property once, without repeating a lost create', async () => {
    expect(await api.emailPropertyGroups()).toEqual(['emailinformation', 'other']);
    const property = { name: 'k', label: 'K', description: 'd', groupName: 'other', hasUniqueValue: true };
    await api.createEmailProperty(property);
    expect(created).toEqual([property]);
    expect(calls.find((c) => c.label === 'create email property')?.idempotent).toBe(false);
  });
});
