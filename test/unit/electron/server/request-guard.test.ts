import { describe, expect, it } from 'vitest';
import { authenticate } from '../../../../electron/server/authenticate.js';
import { guardRequest } from '../../../../electron/server/request-guard.js';
import { createSignIn, sessionCookieName } from '../../../../electron/server/sign-in.js';

const port = 47806;
const addinOrigins = ['https://addin.example/'];

describe('guardRequest', () => {
  it.each(['localhost:47806', '127.0.0.1:47806', '[::1]:47806', 'LOCALHOST:47806'])(
    'accepts Host %s',
    (host) => {
      expect(guardRequest({ host, origin: undefined, port, addinOrigins })).toEqual({
        ok: true,
        corsOrigin: null,
      });
    },
  );

  it.each([undefined, 'evil.example:47806', 'localhost:1', 'localhost', '127.0.0.2:47806'])(
    'refuses Host %s with 421 REQUEST.HOST (DNS rebinding)',
    (host) => {
      expect(guardRequest({ host, origin: undefined, port, addinOrigins })).toMatchObject({
        ok: false,
        status: 421,
        code: 'REQUEST.HOST',
      });
    },
  );

  it('refuses a foreign Origin with 403 REQUEST.ORIGIN and no CORS origin', () => {
    expect(
      guardRequest({ host: 'localhost:47806', origin: 'https://evil.example', port, addinOrigins }),
    ).toMatchObject({ ok: false, status: 403, code: 'REQUEST.ORIGIN' });
  });

  it("names only a listed add-in host in CORS, never the companion's own origin", () => {
    const host = 'localhost:47806';
    expect(guardRequest({ host, origin: 'https://addin.example', port, addinOrigins })).toEqual({
      ok: true,
      corsOrigin: 'https://addin.example',
    });
    expect(guardRequest({ host, origin: 'https://localhost:47806', port, addinOrigins })).toEqual({
      ok: true,
      corsOrigin: null,
    });
  });
});

describe('authenticate', () => {
  const signIn = createSignIn('owner-token');
  const deps = { signIn, verifyPaneToken: (t: string) => (t === 'pane-token' ? 'p1' : null) };
  const call = (access: 'owner' | 'pane' | 'public', authorization?: string, cookie?: string) =>
    authenticate(access, { authorization, cookie, origin: null }, deps);

  it('takes the owner token and a session cookie on owner routes', () => {
    expect(call('owner', 'Bearer owner-token')).toEqual({ ok: true, value: { kind: 'owner' } });
    const session = signIn.redeem(signIn.mintCode()) ?? '';
    expect(call('owner', undefined, `${sessionCookieName}=${session}`)).toEqual({
      ok: true,
      value: { kind: 'owner' },
    });
  });

  it('refuses no token (AUTH.REQUIRED) and a wrong one (AUTH.INVALID)', () => {
    expect(call('owner')).toMatchObject({ ok: false, error: { code: 'AUTH.REQUIRED' } });
    expect(call('owner', 'Bearer nope')).toMatchObject({ ok: false, error: { code: 'AUTH.INVALID' } });
    expect(call('owner', undefined, `${sessionCookieName}=forged`)).toMatchObject({
      ok: false,
      error: { code: 'AUTH.INVALID' },
    });
  });

  it('lets a pane token call pane routes only', () => {
    expect(call('pane', 'Bearer pane-token')).toEqual({ ok: true, value: { kind: 'pane', pairingId: 'p1' } });
    expect(call('owner', 'Bearer pane-token')).toMatchObject({
      ok: false,
      error: { code: 'AUTH.FORBIDDEN' },
    });
  });

  it('redeems a sign-in code once', () => {
    const code = signIn.mintCode();
    expect(signIn.redeem(code)).not.toBeNull();
    expect(signIn.redeem(code)).toBeNull();
  });
});
