import { describe, expect, it } from 'vitest';
import type { CompanionService } from '#shared/api/companion-api.js';
import { createIpcDispatch } from '../../../../electron/app/ipc-dispatch.js';
import type { SecretName } from '../../../../electron/companion/saved-connection-config.js';

const own = 'app://crm-mail-logger';
const ownFrame = { url: `${own}/`, isMainFrame: true };

function setup(saveOk = true) {
  const calls: Array<{ method: string; input: unknown; caller: unknown }> = [];
  const saved: Array<[SecretName, string]> = [];
  const errors: string[] = [];
  const service = new Proxy(
    {},
    {
      get: (_target, method: string) => async (input: unknown, caller: unknown) => {
        calls.push({ method, input, caller });
        if (method === 'getResult') {
          throw new Error('boom');
        }
        return { ok: true, value: { method } };
      },
    },
  ) as CompanionService;
  const dispatch = createIpcDispatch({
    service,
    ownOrigin: own,
    saveSecret: (name, value) => {
      if (!saveOk) {
        return { ok: false, error: { code: 'UNAVAILABLE', message: 'no encryption' } };
      }
      saved.push([name, value]);
      return { ok: true, value: true };
    },
    onError: (method) => errors.push(method),
  });
  return { dispatch, calls, saved, errors };
}

describe('the IPC dispatcher', () => {
  it('answers the own window as the owner, with the input parsed by the route schema', async () => {
    const { dispatch, calls } = setup();
    expect(await dispatch('listResults', ownFrame, { limit: '5' })).toEqual({
      ok: true,
      value: { method: 'listResults' },
    });
    expect(calls).toEqual([{ method: 'listResults', input: { limit: 5 }, caller: { kind: 'owner' } }]);
  });

  it('refuses a foreign sender before looking at the input, and calls nothing', async () => {
    const { dispatch, calls } = setup();
    for (const url of ['file:///x.html', 'https://evil.example/', 'about:blank']) {
      const reply = await dispatch('getStatus', { url, isMainFrame: true }, {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    }
    expect(calls).toEqual([]);
  });

  it('refuses input the schema rejects, naming the field', async () => {
    const { dispatch, calls } = setup();
    const reply = await dispatch('getResult', ownFrame, { id: 'abc' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
    expect(!reply.ok && reply.error.message).toMatch(/^id: /);
    expect(await dispatch('getStatus', ownFrame, { extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID' },
    });
    expect(calls).toEqual([]);
  });

  it('turns a thrown error into INTERNAL and reports it, never a stack to the window', async () => {
    const { dispatch, errors } = setup();
    expect(await dispatch('getResult', ownFrame, { id: 1 })).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'The companion failed on this request; its log says why.' },
    });
    expect(errors).toEqual(['getResult']);
  });

  it('saveConnection: the password and the HubSpot token go to the secret store, not to the service', async () => {
    const { dispatch, calls, saved } = setup();
    const mailbox = {
      host: 'imap.corp.example',
      port: 993,
      secure: true,
      tls: 'required',
      user: 'ann',
      folder: 'INBOX',
      onlyFor: null,
    };
    await dispatch('saveConnection', ownFrame, {
      mailbox: { ...mailbox, password: 'hunter2' },
      backend: { kind: 'hubspot', accessToken: 'pat-1' },
    });
    expect(saved).toEqual([
      ['mailboxPassword', 'hunter2'],
      ['hubspotToken', 'pat-1'],
    ]);
    expect(calls).toEqual([
      {
        method: 'saveConnection',
        input: { mailbox, backend: { kind: 'hubspot' } },
        caller: { kind: 'owner' },
      },
    ]);
    expect(JSON.stringify(calls)).not.toMatch(/hunter2|pat-1/);
  });

  it('saveConnection: when secrets cannot be saved here, says so and saves nothing', async () => {
    const { dispatch, calls } = setup(false);
    const reply = await dispatch('saveConnection', ownFrame, {
      backend: { kind: 'hubspot', accessToken: 'pat-1' },
    });
    expect(reply).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: 'no encryption' } });
    expect(calls).toEqual([]);
  });
});
