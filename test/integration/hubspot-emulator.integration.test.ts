import { Client } from '@hubspot/api-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startHubSpotEmulator,
  type HubSpotEmulator,
} from '../support/hubspot-emulator/start-hubspot-emulator.js';

/** The emulator itself: it must reject what HubSpot rejects, or the backend's tests prove nothing. */
let emulator: HubSpotEmulator;

beforeEach(async () => {
  emulator = await startHubSpotEmulator({ tenSecondly: { max: 50, intervalMs: 10_000 } });
});

afterEach(async () => {
  expect(emulator.violations).toEqual([]);
  await emulator.stop();
});

async function send(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${emulator.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${emulator.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
    headers: res.headers,
  };
}

const readBody = {
  inputs: [{ id: 'a@b.example' }],
  properties: ['email'],
  propertiesWithHistory: [],
  idProperty: 'email',
};

describe('HubSpot emulator: requests HubSpot would refuse', () => {
  it('answers 401 INVALID_AUTHENTICATION without a valid bearer token', async () => {
    const res = await send('POST', '/crm/v3/objects/contacts/batch/read', readBody, {
      authorization: 'Bearer wrong',
    });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
  });

  it.each([
    ['malformed JSON', '/crm/v3/objects/contacts/batch/read', '{"inputs": ['],
    [
      'a missing required field (propertiesWithHistory)',
      '/crm/v3/objects/contacts/batch/read',
      { inputs: [{ id: '1' }], properties: [] },
    ],
    ['an unrecognised field', '/crm/v3/objects/contacts/batch/read', { ...readBody, extra: true }],
    [
      'a property value that is not a string',
      '/crm/v3/objects/contacts/batch/create',
      { inputs: [{ properties: { email: 5 }, associations: [] }] },
    ],
    [
      'a search filter with an unknown operator',
      '/crm/v3/objects/contacts/search',
      { filterGroups: [{ filters: [{ propertyName: 'email', operator: 'LIKE', value: 'x' }] }] },
    ],
  ])('answers 400 VALIDATION_ERROR to %s', async (_, path, body) => {
    const res = await send('POST', path, body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect(res.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 400 to more than 100 inputs in a batch (docs/hubspot.md)', async () => {
    const inputs = Array.from({ length: 101 }, (_, i) => ({
      properties: { email: `p${i}@b.example` },
      associations: [],
    }));
    const res = await send('POST', '/crm/v3/objects/contacts/batch/create', { inputs });
    expect(res.status).toBe(400);
    expect(emulator.state.objects.contacts.size).toBe(0);
  });

  it('answers 400 to an unknown or read-only property, naming it as HubSpot does', async () => {
    const unknown = await send('POST', '/crm/v3/objects/contacts/batch/create', {
      inputs: [{ properties: { email: 'a@b.example', favourite_colour: 'blue' }, associations: [] }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/Property values were not valid: .*PROPERTY_DOESNT_EXIST/);
    const readOnly = await send('POST', '/crm/v3/objects/emails', {
      properties: { hs_timestamp: '2026-01-01T00:00:00Z', hs_email_from_email: 'x@y.example' },
      associations: [],
    });
    expect(readOnly.status).toBe(400);
    expect(readOnly.body.message).toMatch(/READ_ONLY_VALUE/);
  });

  it('answers 400 to an email without hs_timestamp, a bad direction, or headers that are not the documented JSON', async () => {
    for (const properties of [
      { hs_email_subject: 'x' },
      { hs_timestamp: '2026-01-01T00:00:00Z', hs_email_direction: 'OUTGOING' },
      { hs_timestamp: '2026-01-01T00:00:00Z', hs_email_headers: '{"to":[]}' },
      { hs_timestamp: '2026-01-01T00:00:00Z', hubspot_owner_id: '424242' },
      { hs_timestamp: '2026-01-01T00:00:00Z', hs_attachment_ids: '777' },
    ]) {
      const res = await send('POST', '/crm/v3/objects/emails/batch/create', {
        inputs: [{ properties, associations: [] }],
      });
      expect(res.status, JSON.stringify(properties)).toBe(400);
    }
    expect(emulator.state.objects.emails.size).toBe(0);
  });

  it('answers 400 to an association type that does not join the two objects, or to a missing target', async () => {
    const contact = emulator.state.addContact({ email: 'a@b.example' });
    const email = (typeId: number, id: string): unknown => ({
      inputs: [
        {
          properties: { hs_timestamp: '2026-01-01T00:00:00Z' },
          associations: [
            { to: { id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }] },
          ],
        },
      ],
    });
    expect((await send('POST', '/crm/v3/objects/emails/batch/create', email(186, contact.id))).status).toBe(
      400,
    );
    expect((await send('POST', '/crm/v3/objects/emails/batch/create', email(198, '99999'))).status).toBe(400);
    expect((await send('POST', '/crm/v3/objects/emails/batch/create', email(198, contact.id))).status).toBe(
      201,
    );
  });

  it('answers the documented 409 to a contact whose email exists (docs/hubspot.md)', async () => {
    const existing = emulator.state.addContact({ email: 'a@b.example' });
    const res = await send('POST', '/crm/v3/objects/contacts', {
      properties: { email: 'A@B.example' },
      associations: [],
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      category: 'OBJECT_ALREADY_EXISTS',
      error: 'CONTACT_EXISTS',
      message: `Contact already exists. Existing ID: ${existing.id}`,
    });
  });

  it('answers 400 to a second email with the same unique key, and to idProperty on a property that is not unique', async () => {
    const property = {
      name: 'x_key',
      label: 'Key',
      type: 'string',
      fieldType: 'text',
      groupName: 'emailinformation',
      hasUniqueValue: true,
    };
    expect((await send('POST', '/crm/v3/properties/emails', property)).status).toBe(201);
    expect((await send('POST', '/crm/v3/properties/emails', property)).status).toBe(409);
    const input = { properties: { hs_timestamp: '1767225600000', x_key: 'k1' }, associations: [] };
    expect((await send('POST', '/crm/v3/objects/emails/batch/create', { inputs: [input] })).status).toBe(201);
    expect((await send('POST', '/crm/v3/objects/emails/batch/create', { inputs: [input] })).status).toBe(400);
    const read = await send('POST', '/crm/v3/objects/emails/batch/read', {
      ...readBody,
      idProperty: 'hs_email_subject',
    });
    expect(read.status).toBe(400);
  });

  it('finds emails by a custom property with IN, ORs filter groups, and refuses more groups or filters than documented', async () => {
    const property = {
      name: 'x_identity',
      label: 'Identity',
      type: 'string',
      fieldType: 'text',
      groupName: 'emailinformation',
      hasUniqueValue: true,
    };
    expect((await send('POST', '/crm/v3/properties/emails', property)).status).toBe(201);
    for (const [key, subject] of [
      ['k1', 'one'],
      ['k2', 'two'],
      ['k3', 'three'],
    ]) {
      const input = {
        properties: { hs_timestamp: '1767225600000', x_identity: key, hs_email_subject: subject },
        associations: [],
      };
      expect((await send('POST', '/crm/v3/objects/emails/batch/create', { inputs: [input] })).status).toBe(
        201,
      );
    }
    const inFilter = (propertyName: string, values: string[]) => ({
      filters: [{ propertyName, operator: 'IN', values }],
    });
    const search = (filterGroups: unknown[]) =>
      send('POST', '/crm/v3/objects/emails/search', {
        filterGroups,
        properties: ['x_identity'],
        sorts: [{ propertyName: 'hs_createdate', direction: 'ASCENDING' }],
        limit: 200,
        after: '0',
      });
    const found = await search([
      inFilter('x_identity', ['k1', 'k9']),
      inFilter('hs_email_subject', ['three']),
    ]);
    expect(found.status).toBe(200);
    expect(
      (found.body.results as Array<{ properties: Record<string, string> }>).map(
        (r) => r.properties.x_identity,
      ),
    ).toEqual(['k1', 'k3']);
    expect((await search(Array.from({ length: 6 }, () => inFilter('x_identity', ['k1'])))).status).toBe(400);
    const eleven = {
      filters: Array.from({ length: 11 }, () => ({
        propertyName: 'x_identity',
        operator: 'IN',
        values: ['k1'],
      })),
    };
    expect((await search([eleven])).status).toBe(400);
  });

  it('archives by batch (204, at most 100 ids); an archived email is no longer found', async () => {
    const input = {
      properties: { hs_timestamp: '1767225600000', hs_email_subject: 'gone' },
      associations: [],
    };
    const created = await send('POST', '/crm/v3/objects/emails/batch/create', { inputs: [input] });
    const id = (created.body.results as Array<{ id: string }>)[0]?.id ?? '';
    const tooMany = { inputs: Array.from({ length: 101 }, (_, i) => ({ id: String(i) })) };
    expect((await send('POST', '/crm/v3/objects/emails/batch/archive', tooMany)).status).toBe(400);
    expect((await send('POST', '/crm/v3/objects/emails/batch/archive', { inputs: [{ id }] })).status).toBe(
      204,
    );
    expect((await send('GET', `/crm/v3/objects/emails/${id}`)).status).toBe(404);
  });

  it('a barrier holds the answers of racing requests until all of them were carried out', async () => {
    emulator.inject({ kind: 'barrier', count: 2, match: /owners/ });
    let firstAnswered = false;
    const first = send('GET', '/crm/v3/owners?limit=1').then((r) => {
      firstAnswered = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(firstAnswered).toBe(false);
    const [a, b] = await Promise.all([first, send('GET', '/crm/v3/owners?limit=1')]);
    expect([a.status, b.status]).toEqual([200, 200]);
  });

  it('answers 207 with OBJECT_NOT_FOUND for the ids a batch read cannot find', async () => {
    emulator.state.addContact({ email: 'a@b.example' });
    const res = await send('POST', '/crm/v3/objects/contacts/batch/read', {
      ...readBody,
      inputs: [{ id: 'a@b.example' }, { id: 'none@b.example' }],
    });
    expect(res.status).toBe(207);
    expect(res.body).toMatchObject({
      numErrors: 1,
      errors: [{ category: 'OBJECT_NOT_FOUND', context: { ids: ['none@b.example'] } }],
    });
  });

  it('refuses a file upload without options.access or with both folderId and folderPath', async () => {
    const form = (fields: Record<string, string>): FormData => {
      const data = new FormData();
      data.append('file', new Blob(['hello'], { type: 'text/plain' }), 'note.txt');
      Object.entries(fields).forEach(([k, v]) => data.append(k, v));
      return data;
    };
    const upload = (fields: Record<string, string>): Promise<Response> =>
      fetch(`${emulator.url}/files/v3/files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${emulator.token}` },
        body: form(fields),
      });
    expect((await upload({ folderPath: '/x', options: '{}' })).status).toBe(400);
    expect((await upload({ folderPath: '/x', folderId: '1', options: '{"access":"PRIVATE"}' })).status).toBe(
      400,
    );
    expect((await upload({ folderPath: '/x', options: '{"access":"PRIVATE"}' })).status).toBe(201);
  });

  it('is strict about paths: a double slash (a basePath with a trailing slash, docs/hubspot.md) is not found', async () => {
    expect((await send('GET', '//crm/v3/owners?limit=1')).status).toBe(404);
    expect((await send('GET', '/crm/v3/owners/?email=x%40y.example&limit=1&archived=false')).status).toBe(
      200,
    );
  });
});

describe('HubSpot emulator: rate limits (docs/hubspot.md)', () => {
  it('answers 429 TEN_SECONDLY_ROLLING past the window, with the documented body and headers', async () => {
    await emulator.stop();
    emulator = await startHubSpotEmulator({ tenSecondly: { max: 3, intervalMs: 10_000 } });
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof send>> | null = null;
    for (let i = 0; i < 4; i++) {
      last = await send('GET', '/crm/v3/owners');
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last?.body).toMatchObject({
      status: 'error',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
    });
    expect(last?.headers.get('x-hubspot-ratelimit-max')).toBe('3');
    expect(last?.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(emulator.counts.limitExceeded.TEN_SECONDLY_ROLLING).toBe(1);
  });

  it('limits search per second, with the secondly message and no rate-limit headers', async () => {
    const search = { filterGroups: [], limit: 1 };
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof send>> | null = null;
    for (let i = 0; i < 6; i++) {
      last = await send('POST', '/crm/v3/objects/contacts/search', search);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses[5]).toBe(429);
    expect(last?.body).toMatchObject({
      policyName: 'SECONDLY',
      message: 'You have reached your secondly limit.',
    });
    expect(last?.headers.get('x-hubspot-ratelimit-max')).toBeNull();
  });

  it('injects each policy, 5xx, hangs and malformed JSON, and counts them', async () => {
    emulator.inject({ kind: 'rate-limit', policy: 'DAILY' });
    emulator.inject({ kind: 'server-error', status: 503 });
    emulator.inject({ kind: 'malformed-json' });
    expect((await send('GET', '/crm/v3/owners')).body).toMatchObject({ policyName: 'DAILY' });
    expect(
      (
        await fetch(`${emulator.url}/crm/v3/owners`, {
          headers: { authorization: `Bearer ${emulator.token}` },
        })
      ).status,
    ).toBe(503);
    await expect(send('GET', '/crm/v3/owners')).rejects.toThrow(SyntaxError);
    emulator.inject({ kind: 'hang' });
    const hung = fetch(`${emulator.url}/crm/v3/owners`, {
      headers: { authorization: `Bearer ${emulator.token}` },
      signal: AbortSignal.timeout(200),
    });
    await expect(hung).rejects.toThrow();
    expect(emulator.counts.injected).toBe(4);
    expect(emulator.counts.byEndpoint['GET /crm/v3/owners']).toBe(4);
  });
});

describe('HubSpot emulator: the SDK real traffic passes (docs/hubspot.md)', () => {
  it('accepts the SDK search with object sorts, getById by email, owners with a trailing slash, v4 batch read', async () => {
    const contact = emulator.state.addContact({ email: 'a@b.example', firstname: 'A' });
    const company = emulator.state.addCompany({ name: 'B', domain: 'b.example' });
    emulator.state.associate('contacts', contact.id, 'companies', company.id, 1);
    emulator.state.addOwner({ email: 'rep@corp.example' });
    const hs = new Client({ accessToken: emulator.token, basePath: emulator.url });
    const found = await hs.crm.contacts.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ' as never, value: 'a@b.example' }] }],
      properties: ['email'],
      limit: 1,
      after: '0',
      sorts: [{ propertyName: 'createdate', direction: 'DESCENDING' } as never],
    });
    expect(found.results.map((r) => r.id)).toEqual([contact.id]);
    const byEmail = await hs.crm.contacts.basicApi.getById(
      'a@b.example',
      ['email'],
      undefined,
      undefined,
      false,
      'email',
    );
    expect(byEmail.properties.firstname).toBeUndefined();
    expect(byEmail.id).toBe(contact.id);
    const owners = await hs.crm.owners.ownersApi.getPage('rep@corp.example', undefined, 1, false);
    expect(owners.results.map((o) => o.email)).toEqual(['rep@corp.example']);
    const links = await hs.crm.associations.v4.batchApi.getPage('contacts', 'companies', {
      inputs: [{ id: contact.id }],
    });
    expect(
      links.results[0]?.to.map((t) => t.associationTypes.map((a) => a.typeId).sort((x, y) => x - y)),
    ).toEqual([[1, 279]]);
    await expect(
      hs.crm.contacts.basicApi.getById('none@b.example', ['email'], undefined, undefined, false, 'email'),
    ).rejects.toMatchObject({ code: 404 });
  });
});
