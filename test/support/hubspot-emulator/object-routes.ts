import {
  associationTypes,
  defaultReadProperties,
  objectTypeOf,
  type EmulatorState,
  type ObjectType,
  type StoredObject,
} from './emulator-state.js';
import {
  contactExists,
  notFound,
  propertyValuesError,
  validationError,
  type PropertyProblem,
  type RouteResponse,
} from './http-errors.js';
import type { Route, RouteContext } from './route.js';
import {
  batchArchiveRequest,
  batchCreateRequest,
  batchReadRequest,
  batchResponse,
  createRequest,
  emailHeaders,
  maxBatchInputs,
  searchRequest,
  searchResponse,
  simplePublicObject,
} from './schemas.js';
import { validate } from './validate.js';

type InlineAssociation = {
  to: { id: string };
  types: Array<{ associationCategory: string; associationTypeId: number }>;
};
type CreateInput = {
  properties: Record<string, string>;
  associations?: InlineAssociation[];
  objectWriteTraceId?: string;
};

const typeNames: Record<ObjectType, string> = {
  contacts: 'CONTACT',
  companies: 'COMPANY',
  deals: 'DEAL',
  emails: 'EMAIL',
};

function typeParam(ctx: RouteContext): ObjectType | RouteResponse {
  const type = objectTypeOf(ctx.params.type ?? '');
  return type ?? notFound(`Unable to infer object type from: ${ctx.params.type ?? ''}`);
}

/** The public form of an object: the asked-for properties (null when unset) and the ones HubSpot always adds. */
export function toPublicObject(
  type: ObjectType,
  object: StoredObject,
  asked: ReadonlyArray<string> | null,
): Record<string, unknown> {
  const names = new Set(asked === null || asked.length === 0 ? defaultReadProperties[type] : asked);
  names.add('hs_object_id');
  const properties: Record<string, string | null> = {};
  for (const name of names) {
    properties[name] = object.properties[name] ?? null;
  }
  return {
    id: object.id,
    properties,
    createdAt: object.createdAt,
    updatedAt: object.updatedAt,
    archived: object.archived,
  };
}

function isTimestamp(value: string): boolean {
  return /^\d+$/.test(value) || !Number.isNaN(Date.parse(value));
}

/** Property checks HubSpot makes on write: known, writable, enum options, owner and file ids, dates. */
function propertyProblems(
  state: EmulatorState,
  type: ObjectType,
  properties: Record<string, string>,
): PropertyProblem[] {
  const problems: PropertyProblem[] = [];
  for (const [name, value] of Object.entries(properties)) {
    const definition = state.properties[type].get(name);
    if (definition === undefined) {
      problems.push({ name, error: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` });
    } else if (definition.readOnly) {
      problems.push({
        name,
        error: 'READ_ONLY_VALUE',
        message: `${name} is a read only property; its value cannot be set.`,
      });
    } else if (definition.options !== undefined && !definition.options.includes(value)) {
      problems.push({
        name,
        error: 'INVALID_OPTION',
        message: `${value} was not one of the allowed options`,
      });
    } else if (name === 'hubspot_owner_id' && value !== '' && !state.owners.some((o) => o.id === value)) {
      problems.push({ name, error: 'INVALID_OWNER_ID', message: `No owner with id ${value}` });
    } else if (name === 'hs_timestamp' && !isTimestamp(value)) {
      problems.push({ name, error: 'INVALID_DATETIME', message: `${value} is not a valid datetime` });
    } else if (name === 'hs_attachment_ids') {
      const missing = value.split(';').filter((id) => id !== '' && !state.files.has(id));
      if (missing.length > 0) {
        problems.push({
          name,
          error: 'INVALID_FILE_ID',
          message: `Files do not exist: ${missing.join(';')}`,
        });
      }
    } else if (name === 'hs_email_headers') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        parsed = undefined;
      }
      const wrong = parsed === undefined ? ['not JSON'] : validate(emailHeaders, parsed);
      if (wrong.length > 0) {
        problems.push({ name, error: 'INVALID_JSON', message: `hs_email_headers: ${wrong.join('; ')}` });
      }
    }
  }
  if (type === 'emails' && properties.hs_timestamp === undefined) {
    problems.push({ name: 'hs_timestamp', error: 'REQUIRED', message: 'hs_timestamp is required' });
  }
  return problems;
}

function associationProblems(
  state: EmulatorState,
  type: ObjectType,
  associations: ReadonlyArray<InlineAssociation>,
): string[] {
  const problems: string[] = [];
  for (const a of associations) {
    for (const t of a.types) {
      const spec = associationTypes.get(t.associationTypeId);
      if (t.associationCategory !== 'HUBSPOT_DEFINED' || spec === undefined || spec.from !== type) {
        problems.push(
          `${t.associationCategory} ${t.associationTypeId} is not a valid association type from ${typeNames[type]}`,
        );
      } else if (!state.objects[spec.to].has(a.to.id)) {
        problems.push(`${typeNames[spec.to]} ${a.to.id} does not exist`);
      }
    }
  }
  return problems;
}

/**
 * Creates every input or none (HubSpot validates a batch as a whole): properties, associations, unique values
 * (contacts' `email` answers the documented 409, docs/hubspot.md; a custom unique property answers 400).
 */
function createAll(
  state: EmulatorState,
  type: ObjectType,
  inputs: ReadonlyArray<CreateInput>,
): StoredObject[] | RouteResponse {
  if (inputs.length > maxBatchInputs) {
    return validationError(`Batch input limit exceeded: ${inputs.length} inputs, at most ${maxBatchInputs}`);
  }
  const uniques = [...state.properties[type].values()].filter((p) => p.hasUniqueValue);
  for (const unique of uniques) {
    const seen = new Set<string>();
    for (const input of inputs) {
      const raw = input.properties[unique.name];
      if (raw === undefined) {
        continue;
      }
      const value = unique.name === 'email' ? raw.toLowerCase() : raw;
      if (seen.has(value)) {
        return validationError(`Duplicate ${unique.name} in batch input: ${value}`);
      }
      seen.add(value);
      const existing = state.findByUnique(type, unique.name, value);
      if (existing !== undefined) {
        return unique.name === 'email' && type === 'contacts'
          ? contactExists(value, existing.id)
          : propertyValuesError([
              {
                name: unique.name,
                error: 'INVALID_UNIQUE_VALUE',
                message: `${value} already has that value on ${typeNames[type]} ${existing.id}`,
              },
            ]);
      }
    }
  }
  for (const input of inputs) {
    const problems = propertyProblems(state, type, input.properties);
    if (problems.length > 0) {
      return propertyValuesError(problems);
    }
    const wrong = associationProblems(state, type, input.associations ?? []);
    if (wrong.length > 0) {
      return validationError(`One or more associations are invalid: ${wrong.join('; ')}`, {
        subCategory: 'INVALID_ASSOCIATION',
      });
    }
  }
  return inputs.map((input) => {
    const object = state.create(type, input.properties);
    for (const a of input.associations ?? []) {
      for (const t of a.types) {
        const spec = associationTypes.get(t.associationTypeId);
        if (spec !== undefined) {
          state.associate(type, object.id, spec.to, a.to.id, t.associationTypeId);
        }
      }
    }
    return object;
  });
}

function idPropertyProblem(
  state: EmulatorState,
  type: ObjectType,
  idProperty: string | undefined,
): RouteResponse | null {
  if (idProperty === undefined || idProperty === 'hs_object_id') {
    return null;
  }
  const definition = state.properties[type].get(idProperty);
  return definition?.hasUniqueValue === true
    ? null
    : validationError(`Property ${idProperty} is not a unique identifier property for ${typeNames[type]}`);
}

function find(
  state: EmulatorState,
  type: ObjectType,
  id: string,
  idProperty: string | undefined,
): StoredObject | undefined {
  if (idProperty === undefined || idProperty === 'hs_object_id') {
    const object = state.objects[type].get(id);
    return object?.archived === false ? object : undefined;
  }
  return state.findByUnique(type, idProperty, id);
}

function now(ctx: RouteContext): string {
  return ctx.now().toISOString();
}

const single: Route = {
  method: 'POST',
  pattern: /^\/crm\/v3\/objects\/(?<type>[^/]+)$/,
  name: 'POST /crm/v3/objects/{type}',
  request: createRequest,
  responses: { 201: simplePublicObject },
  handle(ctx) {
    const type = typeParam(ctx);
    if (typeof type !== 'string') {
      return type;
    }
    const created = createAll(ctx.state, type, [ctx.body as CreateInput]);
    return Array.isArray(created)
      ? { status: 201, body: toPublicObject(type, created[0] as StoredObject, []) }
      : created;
  },
};

const batchCreate: Route = {
  method: 'POST',
  pattern: /^\/crm\/v3\/objects\/(?<type>[^/]+)\/batch\/create$/,
  name: 'POST /crm/v3/objects/{type}/batch/create',
  request: batchCreateRequest,
  responses: { 201: batchResponse(simplePublicObject, false) },
  handle(ctx) {
    const type = typeParam(ctx);
    if (typeof type !== 'string') {
      return type;
    }
    const startedAt = now(ctx);
    const { inputs } = ctx.body as { inputs: CreateInput[] };
    const created = createAll(ctx.state, type, inputs);
    if (!Array.isArray(created)) {
      return created;
    }
    const results = created.map((object, i) => ({
      ...toPublicObject(type, object, Object.keys(inputs[i]?.properties ?? {})),
      ...(inputs[i]?.objectWriteTraceId !== undefined
        ? { objectWriteTraceId: inputs[i]?.objectWriteTraceId }
        : {}),
    }));
    return { status: 201, body: { status: 'COMPLETE', results, startedAt, completedAt: now(ctx) } };
  },
};

/** docs/hubspot.md#batch-limits: `batch/archive` of at most 100 ids; an unknown or archived id is no error; 204. */
const batchArchive: Route = {
  method: 'POST',
  pattern: /^\/crm\/v3\/objects\/(?<type>[^/]+)\/batch\/archive$/,
  name: 'POST /crm/v3/objects/{type}/batch/archive',
  request: batchArchiveRequest,
  responses: { 204: { type: 'string', pattern: /^$/ } },
  handle(ctx) {
    const type = typeParam(ctx);
    if (typeof type !== 'string') {
      return type;
    }
    const { inputs } = ctx.body as { inputs: Array<{ id: string }> };
    if (inputs.length > maxBatchInputs) {
      return validationError(
        `Batch input limit exceeded: ${inputs.length} inputs, at most ${maxBatchInputs}`,
      );
    }
    for (const { id } of inputs) {
      const object = ctx.state.objects[type].get(id);
      if (object !== undefined) {
        object.archived = true;
        object.updatedAt = now(ctx);
      }
    }
    return { status: 204, body: '' };
  },
};

const batchRead: Route = {
  method: 'POST',
  pattern: /^\/crm\/v3\/objects\/(?<type>[^/]+)\/batch\/read$/,
  name: 'POST /crm/v3/objects/{type}/batch/read',
  request: batchReadRequest,
  responses: { 200: batchResponse(simplePublicObject, false), 207: batchResponse(simplePublicObject, true) },
  handle(ctx) {
    const type = typeParam(ctx);
    if (typeof type !== 'string') {
      return type;
    }
    const startedAt = now(ctx);
    const body = ctx.body as { inputs: Array<{ id: string }>; properties: string[]; idProperty?: string };
    if (body.inputs.length > maxBatchInputs) {
      return validationError(
        `Batch input limit exceeded: ${body.inputs.length} inputs, at most ${maxBatchInputs}`,
      );
    }
    const wrongId = idPropertyProblem(ctx.state, type, body.idProperty);
    if (wrongId !== null) {
      return wrongId;
    }
    const results: unknown[] = [];
    const missing: string[] = [];
    const seen = new Set<string>();
    for (const { id } of body.inputs) {
      const object = find(ctx.state, type, id, body.idProperty);
      if (object === undefined) {
        missing.push(id);
      } else if (!seen.has(object.id)) {
        seen.add(object.id);
        results.push(toPublicObject(type, object, body.properties));
      }
    }
    const base = { status: 'COMPLETE', results, startedAt, completedAt: now(ctx) };
    if (missing.length === 0) {
      return { status: 200, body: base };
    }
    const error = {
      status: 'error',
      category: 'OBJECT_NOT_FOUND',
      message: `Could not get some ${typeNames[type]} objects, they may be deleted or not exist. Check that ids are valid.`,
      context: { ids: missing },
      errors: [],
      links: {},
    };
    return { status: 207, body: { ...base, numErrors: 1, errors: [error] } };
  },
};

const getById: Route = {
  method: 'GET',
  pattern: /^\/crm\/v3\/objects\/(?<type>[^/]+)\/(?<id>[^/]+)$/,
  name: 'GET /crm/v3/objects/{type}/{id}',
  responses: { 200: simplePublicObject },
  handle(ctx) {
    const type = typeParam(ctx);
    if (typeof type !== 'string') {
      return type;
    }
    const idProperty = ctx.query.get('idProperty') ?? undefined;
    const wrongId = idPropertyProblem(ctx.state, type, idProperty);
    if (wrongId !== null) {
      return wrongId;
    }
    const id = decodeURIComponent(ctx.params.id ?? '');
    const object = find(ctx.state, type, id, idProperty);
    if (object === undefined) {
      return notFound(`Object not found.  objectId are usually numeric.`);
    }
    const asked = (ctx.query.get('properties') ?? '').split(',').filter((p) => p !== '');
    return { status: 200, body: toPublicObject(type, object, asked) };
  },
};

type Filter = { propertyName: string; operator: string; value?: string; values?: string[] };

function matches(state: EmulatorState, type: ObjectType, object: StoredObject, f: Filter): boolean {
  if (f.propertyName.startsWith('associations.')) {
    // docs/hubspot.md A: the widely used pseudo-property, EQ only.
    const toType = objectTypeOf(f.propertyName.slice('associations.'.length));
    return toType !== null && state.associationsOf(type, object.id, toType).some((a) => a.toId === f.value);
  }
  const actual = object.properties[f.propertyName];
  const norm = (v: string | undefined): string | undefined =>
    f.propertyName === 'email' || f.propertyName === 'domain' ? v?.toLowerCase() : v;
  const value = norm(f.value);
  const compare = (): number => {
    const a = Number(actual);
    const b = Number(value);
    return Number.isNaN(a) || Number.isNaN(b) ? String(actual).localeCompare(String(value)) : a - b;
  };
  switch (f.operator) {
    case 'EQ':
      return norm(actual) === value;
    case 'NEQ':
      return norm(actual) !== value;
    case 'IN':
      return (f.values ?? []).map((v) => norm(v)).includes(norm(actual));
    case 'NOT_IN':
      return !(f.values ?? []).map((v) => norm(v)).includes(norm(actual));
    case 'HAS_PROPERTY':
      return actual !== undefined && actual !== '';
    case 'NOT_HAS_PROPERTY':
      return actual === undefined || actual === '';
    case 'GT':
      return actual !== undefined && compare() > 0;
    case 'GTE':
      return actual !== undefined && compare() >= 0;
    case 'LT':
      return actual !== undefined && compare() < 0;
    case 'LTE':
      return actual !== undefined && compare() <= 0;
    default:
      return false;
  }
}

const search: Route = {
  method: 'POST',
  pattern: /^\/crm\/v3\/objects\/(?<type>[^/]+)\/search$/,
  name: 'POST /crm/v3/objects/{type}/search',
  request: searchRequest,
  responses: { 200: searchResponse },
  search: true,
  handle(ctx) {
    const type = typeParam(ctx);
    if (typeof type !== 'string') {
      return type;
    }
    const body = ctx.body as {
      filterGroups?: Array<{ filters: Filter[] }>;
      properties?: string[];
      sorts?: Array<string | { propertyName: string; direction?: string }>;
      limit?: number;
      after?: string;
    };
    const groups = body.filterGroups ?? [];
    // docs/hubspot.md#batch-limits: at most 5 filter groups, 10 filters in a group, 25 in all.
    if (groups.length > 5) {
      return validationError('Too many filter groups: at most 5');
    }
    if (groups.some((g) => g.filters.length > 10)) {
      return validationError('Too many filters in a group: at most 10');
    }
    if (groups.reduce((n, g) => n + g.filters.length, 0) > 25) {
      return validationError('Too many filters: at most 25 filters in total');
    }
    for (const f of groups.flatMap((g) => g.filters)) {
      const needsValue = !['HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'IN', 'NOT_IN'].includes(f.operator);
      if (
        (needsValue && f.value === undefined) ||
        (['IN', 'NOT_IN'].includes(f.operator) && f.values === undefined)
      ) {
        return validationError(`Filter on ${f.propertyName} with ${f.operator} lacks its value`);
      }
    }
    let found = [...ctx.state.objects[type].values()].filter(
      (o) =>
        !o.archived &&
        (groups.length === 0 || groups.some((g) => g.filters.every((f) => matches(ctx.state, type, o, f)))),
    );
    const sort = body.sorts?.[0];
    const sortName =
      typeof sort === 'string' ? sort.replace(/^-/, '') : (sort?.propertyName ?? 'hs_object_id');
    const descending = typeof sort === 'string' ? sort.startsWith('-') : sort?.direction === 'DESCENDING';
    found = found.sort((a, b) => {
      const x = a.properties[sortName] ?? '';
      const y = b.properties[sortName] ?? '';
      const order = x < y ? -1 : x > y ? 1 : Number(a.id) - Number(b.id);
      return descending ? -order : order;
    });
    const offset = Number(body.after ?? '0');
    const limit = body.limit ?? 10;
    const page = found.slice(offset, offset + limit);
    const next =
      offset + limit < Math.min(found.length, 10_000)
        ? { paging: { next: { after: String(offset + limit) } } }
        : {};
    return {
      status: 200,
      body: {
        total: found.length,
        results: page.map((o) => toPublicObject(type, o, body.properties ?? [])),
        ...next,
      },
    };
  },
};

/** v3 objects: batch create/read, search, single create and read (docs/hubspot.md–2.6). Order matters: specific first. */
export const objectRoutes: ReadonlyArray<Route> = [
  batchCreate,
  batchRead,
  batchArchive,
  search,
  single,
  getById,
];
