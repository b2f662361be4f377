import { describe, expect, it } from 'vitest';
import { readSwitch, switchOff, switchOn, wantedSwitch } from '../../../addin/core/bcc-switch.js';
import { createOfficeHost } from '../../../addin/office/office-async.js';
import { createFakeOffice, type FakeOfficeConfig } from '../../support/fake-office/fake-office.js';

const mine = 'log+bcc.k3x9@corp.example';
const ann = { emailAddress: 'ann@corp.example', displayName: 'Ann' };
const bob = { emailAddress: 'bob@acme.example', displayName: 'Bob' };
const boss = { emailAddress: 'boss@corp.example', displayName: 'Boss' };

function compose(overrides: Partial<FakeOfficeConfig> = {}) {
  const fake = createFakeOffice({
    mode: 'compose',
    supportedMinor: 14,
    displayLanguage: 'en-US',
    user: ann,
    recipients: { to: [bob], bcc: [boss] },
    ...overrides,
  });
  return { fake, host: createOfficeHost(fake.office as typeof Office) };
}

const bccLine = (fake: ReturnType<typeof createFakeOffice>) => fake.recipients.bcc.map((r) => r.emailAddress);

describe('switchOn', () => {
  it('A1: adds the tokenized BCC address, reads it back, and leaves other Bcc recipients alone', async () => {
    const { fake, host } = compose();
    expect(await switchOn(host, mine)).toEqual({ kind: 'on' });
    expect(bccLine(fake)).toEqual(['boss@corp.example', mine]);
    expect(fake.calls).toContain('bcc.getAsync');
    expect(await wantedSwitch(host)).toBe('on');
  });

  it('A1: an add that reports success and does nothing is noticed by the read-back and done again', async () => {
    const { fake, host } = compose({ knobs: { silentBccAdds: 1 } });
    expect(await switchOn(host, mine)).toEqual({ kind: 'on' });
    expect(bccLine(fake)).toEqual(['boss@corp.example', mine]);
    expect(fake.calls.filter((c) => c === 'bcc.setAsync')).toHaveLength(1);
  });

  it('A1: says it failed, with Outlook’s words, when the address never reaches the Bcc line', async () => {
    const { fake, host } = compose({ knobs: { silentBccAdds: 1, failures: { 'bcc.setAsync': 1 } } });
    expect(await switchOn(host, mine)).toEqual({
      kind: 'failed',
      wanted: 'on',
      detail: 'bcc.setAsync failed',
    });
    expect(bccLine(fake)).toEqual(['boss@corp.example']);
  });

  it('A1: removes an old token first, because a change after + alone is ignored by setAsync', async () => {
    const { fake, host } = compose({
      recipients: { to: [bob], bcc: [boss, { emailAddress: 'log+bcc.OLD1@corp.example', displayName: '' }] },
      knobs: { ignorePlusAddressChange: true },
    });
    expect(await switchOn(host, mine)).toEqual({ kind: 'on' });
    expect(bccLine(fake)).toEqual(['boss@corp.example', mine]);
  });

  it('keeps working on a host without session data (before Mailbox 1.11): the wish is kept on the item', async () => {
    const { fake, host } = compose({ supportedMinor: 10 });
    expect(await switchOn(host, mine)).toEqual({ kind: 'on' });
    expect(fake.calls).not.toContain('sessionData.setAsync');
    expect(await wantedSwitch(host)).toBe('on');
  });
});

describe('switchOff', () => {
  it('A1: removes only the BCC address (every token of it)', async () => {
    const { fake, host } = compose({
      recipients: {
        bcc: [
          boss,
          { emailAddress: mine, displayName: '' },
          { emailAddress: 'LOG+bcc@corp.example', displayName: '' },
        ],
      },
    });
    expect(await switchOff(host, mine)).toEqual({ kind: 'off' });
    expect(bccLine(fake)).toEqual(['boss@corp.example']);
    expect(await readSwitch(host, mine)).toEqual({ kind: 'off' });
  });

  it('A1: reports a Bcc line that cannot be read as a failure, not as off', async () => {
    const { host } = compose({ knobs: { failures: { 'bcc.getAsync': 1 } } });
    expect(await switchOff(host, mine)).toEqual({
      kind: 'failed',
      wanted: 'off',
      detail: 'bcc.getAsync failed',
    });
  });
});
