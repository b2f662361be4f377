import { createHash } from 'node:crypto';
import { associationTypes, objectTypeOf, type ObjectType, type StoredFile } from './emulator-state.js';
import { errorBody, notFound, validationError, type RouteResponse } from './http-errors.js';
import { parseMultipart } from './multipart.js';
import type { Route, RouteContext } from './route.js';
import {
  associationMulti,
  associationsBatchReadRequest,
  associationsPage,
  batchResponse,
  fileResponse,
  fileUploadOptions,
  ownersPage,
  propertyCreateRequest,
  propertyGroups,
  propertyResponse,
} from './schemas.js';
import { validate } from './validate.js';

function pair(ctx: RouteContext): [ObjectType, ObjectType] | RouteResponse {
  const from = objectTypeOf(ctx.params.from ?? '');
  const to = objectTypeOf(ctx.params.to ?? '');
  return from === null || to === null
    ? notFound(`Unknown object type in ${ctx.params.from}/${ctx.params.to}`)
    : [from, to];
}

/** v4 `MultiAssociatedObjectWithLabel` list for one object (docs/hubspot.md B): one entry per associated object. */
function associated(
  ctx: RouteContext,
  from: ObjectType,
  id: string,
  to: ObjectType,
): Array<Record<string, unknown>> {
  const byTarget = new Map<string, Array<{ category: string; typeId: number; label: string | null }>>();
  for (const a of ctx.state.associationsOf(from, id, to)) {
    const list = byTarget.get(a.toId) ?? [];
    list.push({
      category: 'HUBSPOT_DEFINED',
      typeId: a.typeId,
      label: associationTypes.get(a.typeId)?.label ?? null,
    });
    byTarget.set(a.toId, list);
  }
  return [...byTarget].map(([toId, types]) => ({ toObjectId: Number(toId), associationTypes: types }));
}

function pageOf<T>(
  items: ReadonlyArray<T>,
  after: string | undefined,
  limit: number,
): { results: T[]; paging?: unknown } {
  const offset = Number(after ?? '0');
  const results = items.slice(offset, offset + limit);
  return offset + limit < items.length
    ? { results, paging: { next: { after: String(offset + limit) } } }
    : { results };
}

const associationsBatchRead: Route = {
  method: 'POST',
  pattern: /^\/crm\/v4\/associations\/(?<from>[^/]+)\/(?<to>[^/]+)\/batch\/read$/,
  name: 'POST /crm/v4/associations/{from}/{to}/batch/read',
  request: associationsBatchReadRequest,
  responses: { 200: batchResponse(associationMulti, false), 207: batchResponse(associationMulti, true) },
  handle(ctx) {
    const types = pair(ctx);
    if (!Array.isArray(types)) {
      return types;
    }
    const [from, to] = types;
    const startedAt = ctx.now().toISOString();
    const { inputs } = ctx.body as { inputs: Array<{ id: string; after?: string }> };
    // [verify] the v4 batch cap (docs/hubspot.md); the emulator holds the adapter to the documented object cap of 1,000.
    if (inputs.length > 1000) {
      return validationError(`Batch input limit exceeded: ${inputs.length} inputs, at most 1000`);
    }
    const results: unknown[] = [];
    const empty: string[] = [];
    for (const input of inputs) {
      const list = associated(ctx, from, input.id, to);
      if (list.length === 0) {
        empty.push(input.id);
        continue;
      }
      const page = pageOf(list, input.after, 500);
      results.push({
        from: { id: input.id },
        to: page.results,
        ...(page.paging !== undefined ? { paging: page.paging } : {}),
      });
    }
    const base = { status: 'COMPLETE', results, startedAt, completedAt: ctx.now().toISOString() };
    if (empty.length === 0) {
      return { status: 200, body: base };
    }
    const errors = empty.map((id) => ({
      status: 'error',
      category: 'OBJECT_NOT_FOUND',
      subCategory: { reason: 'NO_ASSOCIATIONS_FOUND' },
      message: `No ${to} is associated with ${from} ${id}.`,
      context: { fromObjectId: [id] },
      errors: [],
      links: {},
    }));
    return { status: 207, body: { ...base, numErrors: errors.length, errors } };
  },
};

const associationsGet: Route = {
  method: 'GET',
  pattern: /^\/crm\/v4\/objects\/(?<from>[^/]+)\/(?<id>\d+)\/associations\/(?<to>[^/]+)$/,
  name: 'GET /crm/v4/objects/{from}/{id}/associations/{to}',
  responses: { 200: associationsPage },
  handle(ctx) {
    const types = pair(ctx);
    if (!Array.isArray(types)) {
      return types;
    }
    const limit = Number(ctx.query.get('limit') ?? '500');
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
      return validationError('limit must be between 1 and 500');
    }
    const list = associated(ctx, types[0], ctx.params.id ?? '', types[1]);
    return { status: 200, body: pageOf(list, ctx.query.get('after') ?? undefined, limit) };
  },
};

const owners: Route = {
  method: 'GET',
  pattern: /^\/crm\/v3\/owners$/,
  name: 'GET /crm/v3/owners',
  responses: { 200: ownersPage },
  handle(ctx) {
    const email = ctx.query.get('email');
    const limit = Number(ctx.query.get('limit') ?? '100');
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
      return validationError('limit must be between 1 and 500');
    }
    const archived = ctx.query.get('archived') === 'true';
    const list = ctx.state.owners
      .filter(
        (o) => o.archived === archived && (email === null || o.email.toLowerCase() === email.toLowerCase()),
      )
      .map((o) => ({
        id: o.id,
        email: o.email,
        firstName: o.firstName,
        lastName: o.lastName,
        userId: o.userId,
        userIdIncludingInactive: o.userId,
        type: 'PERSON',
        archived: o.archived,
        teams: [],
        createdAt: '2024-01-01T00:00:00.000Z',
        updatedAt: '2024-01-01T00:00:00.000Z',
      }));
    return { status: 200, body: pageOf(list, ctx.query.get('after') ?? undefined, limit) };
  },
};

function publicFile(file: StoredFile): Record<string, unknown> {
  return {
    id: file.id,
    name: file.name,
    extension: file.extension,
    access: file.access,
    size: file.size,
    url: `https://api-na1.hubspot.test/files/${file.id}`,
    parentFolderId: '9000',
    path: `${file.folderPath}/${file.name}.${file.extension}`,
    type: file.contentType.startsWith('image/') ? 'IMG' : 'OTHER',
    encoding: file.extension,
    createdAt: file.createdAt,
    updatedAt: file.createdAt,
    archived: false,
  };
}

/** docs/hubspot.md: multipart with `file`, exactly one of `folderId`/`folderPath`, and `options` (JSON, `access` required). */
const fileUpload: Route = {
  method: 'POST',
  pattern: /^\/files\/v3\/files$/,
  name: 'POST /files/v3/files',
  multipart: true,
  responses: { 200: fileResponse, 201: fileResponse },
  handle(ctx) {
    const parts = parseMultipart(String(ctx.headers['content-type'] ?? ''), ctx.raw);
    if (typeof parts === 'string') {
      return validationError(parts);
    }
    const field = (name: string): string | undefined =>
      parts.find((p) => p.name === name)?.data.toString('utf8');
    const file = parts.find((p) => p.name === 'file');
    const known = new Set(['file', 'folderId', 'folderPath', 'fileName', 'charsetHunch', 'options']);
    const unknown = parts.filter((p) => !known.has(p.name)).map((p) => p.name);
    if (file === undefined || file.filename === null) {
      return validationError('file is required');
    }
    if (unknown.length > 0) {
      return validationError(`Unrecognized form fields: ${unknown.join(', ')}`);
    }
    const folderId = field('folderId');
    const folderPath = field('folderPath');
    if ((folderId === undefined) === (folderPath === undefined)) {
      return validationError('Exactly one of folderId or folderPath must be given');
    }
    const optionsText = field('options');
    if (optionsText === undefined) {
      return validationError('options is required (options.access)');
    }
    let options: { access: string; duplicateValidationStrategy?: string; duplicateValidationScope?: string };
    try {
      options = JSON.parse(optionsText) as typeof options;
    } catch {
      return validationError('options is not valid JSON');
    }
    const wrong = validate(fileUploadOptions, options);
    if (wrong.length > 0) {
      return validationError(`Invalid options: ${wrong.join('; ')}`);
    }
    const fullName = field('fileName') ?? file.filename;
    const dot = fullName.lastIndexOf('.');
    const name = dot > 0 ? fullName.slice(0, dot) : fullName;
    const extension = dot > 0 ? fullName.slice(dot + 1) : '';
    const folder = folderPath ?? `/folder-${folderId ?? ''}`;
    const candidate = {
      name,
      extension,
      folderPath: folder,
      size: file.data.length,
      access: options.access,
      contentType: file.contentType ?? 'application/octet-stream',
      data: file.data,
    };
    const strategy = options.duplicateValidationStrategy ?? 'NONE';
    if (strategy !== 'NONE') {
      const digest = createHash('sha256').update(file.data).digest('hex');
      const duplicate = [...ctx.state.files.values()].find(
        (f) =>
          f.sha256 === digest &&
          (options.duplicateValidationScope === 'ENTIRE_PORTAL' || f.folderPath === folder),
      );
      if (duplicate !== undefined && strategy === 'RETURN_EXISTING') {
        return { status: 200, body: publicFile(duplicate) };
      }
      if (duplicate !== undefined) {
        return errorBody(409, 'CONFLICT', `A duplicate of this file exists: ${duplicate.id}`);
      }
    }
    const stored = ctx.state.addFile(candidate);
    return { status: 201, body: publicFile(stored), headers: { location: `/files/v3/files/${stored.id}` } };
  },
};

const groups: Route = {
  method: 'GET',
  pattern: /^\/crm\/v3\/properties\/(?<type>[^/]+)\/groups$/,
  name: 'GET /crm/v3/properties/{type}/groups',
  responses: { 200: propertyGroups },
  handle(ctx) {
    const type = objectTypeOf(ctx.params.type ?? '');
    if (type === null) {
      return notFound(`Unknown object type ${ctx.params.type ?? ''}`);
    }
    const results = ctx.state.propertyGroups[type].map((name, i) => ({
      name,
      label: name,
      displayOrder: i,
      archived: false,
    }));
    return { status: 200, body: { results } };
  },
};

function publicProperty(p: {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description: string;
  hasUniqueValue: boolean;
}): Record<string, unknown> {
  return {
    name: p.name,
    label: p.label,
    type: p.type,
    fieldType: p.fieldType,
    description: p.description,
    groupName: p.groupName,
    options: [],
    hasUniqueValue: p.hasUniqueValue,
    archived: false,
  };
}

const propertyGet: Route = {
  method: 'GET',
  pattern: /^\/crm\/v3\/properties\/(?<type>[^/]+)\/(?<name>[^/]+)$/,
  name: 'GET /crm/v3/properties/{type}/{name}',
  responses: { 200: propertyResponse },
  handle(ctx) {
    const type = objectTypeOf(ctx.params.type ?? '');
    const property = type === null ? undefined : ctx.state.properties[type].get(ctx.params.name ?? '');
    return property === undefined
      ? notFound(`Unable to find property ${ctx.params.name ?? ''}`)
      : { status: 200, body: publicProperty(property) };
  },
};

/** docs/hubspot.md: 201 Property; 409 if it exists; the group must exist. */
const propertyCreate: Route = {
  method: 'POST',
  pattern: /^\/crm\/v3\/properties\/(?<type>[^/]+)$/,
  name: 'POST /crm/v3/properties/{type}',
  request: propertyCreateRequest,
  responses: { 201: propertyResponse },
  handle(ctx) {
    const type = objectTypeOf(ctx.params.type ?? '');
    if (type === null) {
      return notFound(`Unknown object type ${ctx.params.type ?? ''}`);
    }
    const body = ctx.body as {
      name: string;
      label: string;
      type: string;
      fieldType: string;
      groupName: string;
      description?: string;
      hasUniqueValue?: boolean;
    };
    if (ctx.state.properties[type].has(body.name)) {
      return errorBody(409, 'OBJECT_ALREADY_EXISTS', `Property named '${body.name}' already exists.`);
    }
    if (body.hasUniqueValue === true && !ctx.state.uniquePropertiesAllowed.has(type)) {
      return validationError(`Unique value properties are not supported on ${type}`);
    }
    if (!ctx.state.propertyGroups[type].includes(body.groupName)) {
      return validationError(`Property group ${body.groupName} does not exist`);
    }
    const property = {
      name: body.name,
      label: body.label,
      type: body.type,
      fieldType: body.fieldType,
      groupName: body.groupName,
      description: body.description ?? '',
      hasUniqueValue: body.hasUniqueValue ?? false,
      readOnly: false,
    };
    ctx.state.properties[type].set(body.name, property);
    return { status: 201, body: publicProperty(property) };
  },
};

export const otherRoutes: ReadonlyArray<Route> = [
  associationsBatchRead,
  associationsGet,
  owners,
  fileUpload,
  groups,
  propertyGet,
  propertyCreate,
];
