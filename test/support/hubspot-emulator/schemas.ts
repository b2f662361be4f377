import type { Schema } from './validate.js';

/**
 * Request and response schemas of the endpoints the emulator serves, written from `docs/hubspot.md`
 * (§2 documented shapes, §4 batch limits, §5 error shapes, §7.5 the overlay the SDK's real traffic needs:
 * search `after`/`properties`/`sorts` optional, `sorts` items a string or `{propertyName, direction}`, create
 * `associations` optional). Deliberately NOT derived from the adapter's types: the adapter must fit these.
 */

const str: Schema = { type: 'string' };
const bool: Schema = { type: 'boolean' };
const int: Schema = { type: 'integer' };
const dateTime: Schema = { type: 'string', format: 'date-time' };
const uuid: Schema = { type: 'string', format: 'uuid' };
const digits: Schema = { type: 'string', format: 'digits' };
const strings: Schema = { type: 'array', items: str };

/** §4: 100 inputs per object batch call. */
export const maxBatchInputs = 100;

// ---------- requests ----------

/** §2: every property value is a string on input. */
const propertyValues: Schema = { type: 'object', additionalProperties: str };

const associationSpec: Schema = {
  type: 'object',
  required: ['associationCategory', 'associationTypeId'],
  properties: {
    associationCategory: { type: 'string', enum: ['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED'] },
    associationTypeId: { type: 'integer', minimum: 0 },
  },
};

/** §2.2, §2.6: `{to: {id}, types: [AssociationSpec]}`. */
const inlineAssociation: Schema = {
  type: 'object',
  required: ['to', 'types'],
  properties: {
    to: { type: 'object', required: ['id'], properties: { id: str } },
    types: { type: 'array', items: associationSpec, minItems: 1 },
  },
};

/** SimplePublicObjectInputForCreate (overlay §7.5: `associations` optional, though we always send it). */
const inputForCreate: Schema = {
  type: 'object',
  required: ['properties'],
  properties: {
    properties: propertyValues,
    associations: { type: 'array', items: inlineAssociation },
    objectWriteTraceId: str,
  },
};

export const createRequest: Schema = inputForCreate;

/** The item cap is checked by the route with HubSpot's own error, not here. */
export const batchArchiveRequest: Schema = {
  type: 'object',
  required: ['inputs'],
  properties: {
    inputs: { type: 'array', items: { type: 'object', required: ['id'], properties: { id: str } } },
  },
};

export const batchCreateRequest: Schema = {
  type: 'object',
  required: ['inputs'],
  properties: { inputs: { type: 'array', items: inputForCreate } },
};

/** §2.5 B: BatchReadInputSimplePublicObjectId; the spec marks `propertiesWithHistory` required. */
export const batchReadRequest: Schema = {
  type: 'object',
  required: ['inputs', 'properties', 'propertiesWithHistory'],
  properties: {
    inputs: { type: 'array', items: { type: 'object', required: ['id'], properties: { id: str } } },
    properties: strings,
    propertiesWithHistory: strings,
    idProperty: str,
  },
};

const operator: Schema = {
  type: 'string',
  enum: [
    'EQ',
    'NEQ',
    'LT',
    'LTE',
    'GT',
    'GTE',
    'BETWEEN',
    'IN',
    'NOT_IN',
    'HAS_PROPERTY',
    'NOT_HAS_PROPERTY',
    'CONTAINS_TOKEN',
    'NOT_CONTAINS_TOKEN',
  ],
};

const filter: Schema = {
  type: 'object',
  required: ['propertyName', 'operator'],
  properties: { propertyName: str, operator, value: str, highValue: str, values: strings },
};

/** §2.1 B, §2.3; limits from the 2024-08-26 changelog: 5 groups, 10 filters a group (25 in all, checked by the route). */
export const searchRequest: Schema = {
  type: 'object',
  properties: {
    filterGroups: {
      type: 'array',
      maxItems: 5,
      items: {
        type: 'object',
        required: ['filters'],
        properties: { filters: { type: 'array', items: filter, maxItems: 10 } },
      },
    },
    properties: strings,
    sorts: {
      type: 'array',
      items: {
        oneOf: [
          str,
          {
            type: 'object',
            required: ['propertyName'],
            properties: {
              propertyName: str,
              direction: { type: 'string', enum: ['ASCENDING', 'DESCENDING'] },
            },
          },
        ],
      },
    },
    limit: { type: 'integer', minimum: 0, maximum: 200 },
    after: str,
    query: str,
  },
};

/** §2.5 / §7.2: v4 `batch/read` `{inputs: [{id, after?}]}`. */
export const associationsBatchReadRequest: Schema = {
  type: 'object',
  required: ['inputs'],
  properties: {
    inputs: {
      type: 'array',
      items: { type: 'object', required: ['id'], properties: { id: str, after: str } },
    },
  },
};

/** §2.9: PropertyCreate; required name, label, type, fieldType, groupName. */
export const propertyCreateRequest: Schema = {
  type: 'object',
  required: ['name', 'label', 'type', 'fieldType', 'groupName'],
  properties: {
    name: { type: 'string', pattern: /^[a-z][a-z0-9_]*$/ },
    label: str,
    type: { type: 'string', enum: ['string', 'number', 'date', 'datetime', 'enumeration', 'bool'] },
    fieldType: {
      type: 'string',
      enum: [
        'text',
        'textarea',
        'number',
        'date',
        'select',
        'radio',
        'checkbox',
        'booleancheckbox',
        'calculation_equation',
        'file',
        'html',
        'phonenumber',
      ],
    },
    groupName: str,
    description: str,
    hasUniqueValue: bool,
    hidden: bool,
    formField: bool,
    displayOrder: int,
    options: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
};

/** §2.7: the `options` form field of a file upload, a JSON string. */
export const fileUploadOptions: Schema = {
  type: 'object',
  required: ['access'],
  properties: {
    access: {
      type: 'string',
      enum: [
        'PUBLIC_INDEXABLE',
        'PUBLIC_NOT_INDEXABLE',
        'HIDDEN_INDEXABLE',
        'HIDDEN_NOT_INDEXABLE',
        'HIDDEN_PRIVATE',
        'PRIVATE',
      ],
    },
    ttl: str,
    overwrite: bool,
    duplicateValidationStrategy: { type: 'string', enum: ['NONE', 'REJECT', 'RETURN_EXISTING'] },
    duplicateValidationScope: { type: 'string', enum: ['ENTIRE_PORTAL', 'EXACT_FOLDER'] },
  },
};

/** §2.6: the JSON held by `hs_email_headers`. */
const headerPerson: Schema = {
  type: 'object',
  required: ['email'],
  properties: { email: str, firstName: str, lastName: str },
};
export const emailHeaders: Schema = {
  type: 'object',
  required: ['from'],
  properties: {
    from: headerPerson,
    sender: headerPerson,
    to: { type: 'array', items: headerPerson },
    cc: { type: 'array', items: headerPerson },
    bcc: { type: 'array', items: headerPerson },
  },
};

// ---------- responses ----------

/** §2 `SimplePublicObject`: every property value a string (or null when asked for but unset). */
export const simplePublicObject: Schema = {
  type: 'object',
  required: ['id', 'properties', 'createdAt', 'updatedAt', 'archived'],
  properties: {
    id: digits,
    properties: { type: 'object', additionalProperties: { oneOf: [str, { type: 'null' }] } },
    createdAt: dateTime,
    updatedAt: dateTime,
    archived: bool,
    archivedAt: dateTime,
    propertiesWithHistory: { type: 'object', additionalProperties: true },
    url: str,
    objectWriteTraceId: str,
  },
};

const batchStatus: Schema = { type: 'string', enum: ['PENDING', 'PROCESSING', 'CANCELED', 'COMPLETE'] };

/** §4 / §5: `StandardError` inside a 207. */
const standardError: Schema = {
  type: 'object',
  required: ['status', 'category', 'message', 'context', 'errors', 'links'],
  properties: {
    status: str,
    id: str,
    category: str,
    subCategory: { type: 'object', additionalProperties: true },
    message: str,
    context: { type: 'object', additionalProperties: strings },
    errors: { type: 'array', items: { type: 'object', additionalProperties: true } },
    links: { type: 'object', additionalProperties: str },
  },
};

export function batchResponse(result: Schema, withErrors: boolean): Schema {
  return {
    type: 'object',
    required: [
      'status',
      'results',
      'startedAt',
      'completedAt',
      ...(withErrors ? ['numErrors', 'errors'] : []),
    ],
    properties: {
      status: batchStatus,
      results: { type: 'array', items: result },
      startedAt: dateTime,
      completedAt: dateTime,
      requestedAt: dateTime,
      links: { type: 'object', additionalProperties: str },
      ...(withErrors ? { numErrors: int, errors: { type: 'array', items: standardError } } : {}),
    },
  };
}

const paging: Schema = {
  type: 'object',
  required: ['next'],
  properties: { next: { type: 'object', required: ['after'], properties: { after: str, link: str } } },
};

/** §2.1 B: search adds `total`; `paging` is an object or absent (never `[]`, §7.5). */
export const searchResponse: Schema = {
  type: 'object',
  required: ['total', 'results'],
  properties: { total: int, results: { type: 'array', items: simplePublicObject }, paging },
};

/** §2.5 B: v4 `MultiAssociatedObjectWithLabel`. */
const associatedObject: Schema = {
  type: 'object',
  required: ['toObjectId', 'associationTypes'],
  properties: {
    toObjectId: { type: 'integer', minimum: 1 },
    associationTypes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['category', 'typeId'],
        properties: {
          category: { type: 'string', enum: ['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED'] },
          typeId: int,
          label: { oneOf: [str, { type: 'null' }] },
        },
      },
    },
  },
};

export const associationsPage: Schema = {
  type: 'object',
  required: ['results'],
  properties: { results: { type: 'array', items: associatedObject }, paging },
};

export const associationMulti: Schema = {
  type: 'object',
  required: ['from', 'to'],
  properties: {
    from: { type: 'object', required: ['id'], properties: { id: digits } },
    to: { type: 'array', items: associatedObject },
    paging,
  },
};

/** §2.8 `PublicOwner`. */
export const ownersPage: Schema = {
  type: 'object',
  required: ['results'],
  properties: {
    results: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'type', 'archived', 'createdAt', 'updatedAt'],
        properties: {
          id: digits,
          email: str,
          firstName: str,
          lastName: str,
          userId: int,
          userIdIncludingInactive: int,
          type: { type: 'string', enum: ['PERSON', 'QUEUE'] },
          archived: bool,
          teams: { type: 'array', items: { type: 'object', additionalProperties: true } },
          createdAt: dateTime,
          updatedAt: dateTime,
        },
      },
    },
    paging,
  },
};

/** §2.7 `File`. */
export const fileResponse: Schema = {
  type: 'object',
  required: ['id', 'createdAt', 'updatedAt', 'archived', 'access'],
  properties: {
    id: digits,
    name: str,
    extension: str,
    access: str,
    size: int,
    url: str,
    parentFolderId: digits,
    path: str,
    type: str,
    encoding: str,
    isUsableInContent: bool,
    createdAt: dateTime,
    updatedAt: dateTime,
    archived: bool,
  },
};

/** §2.9 `Property` (the fields the emulator keeps). */
export const propertyResponse: Schema = {
  type: 'object',
  required: ['name', 'label', 'type', 'fieldType', 'description', 'groupName', 'options'],
  properties: {
    name: str,
    label: str,
    type: str,
    fieldType: str,
    description: str,
    groupName: str,
    options: { type: 'array', items: { type: 'object', additionalProperties: true } },
    hasUniqueValue: bool,
    hidden: bool,
    formField: bool,
    calculated: bool,
    externalOptions: bool,
    displayOrder: int,
    createdAt: dateTime,
    updatedAt: dateTime,
    archived: bool,
  },
};

export const propertyGroups: Schema = {
  type: 'object',
  required: ['results'],
  properties: {
    results: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'label', 'displayOrder', 'archived'],
        properties: { name: str, label: str, displayOrder: int, archived: bool },
      },
    },
  },
};

/** §5 `Error`: required category, correlationId (uuid), message; real responses add `status: "error"`. */
export const errorResponse: Schema = {
  type: 'object',
  required: ['category', 'correlationId', 'message'],
  properties: {
    status: { type: 'string', enum: ['error'] },
    message: str,
    correlationId: uuid,
    category: str,
    subCategory: str,
    error: str,
    context: { type: 'object', additionalProperties: strings },
    links: { type: 'object', additionalProperties: str },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['message'],
        properties: {
          message: str,
          code: str,
          in: str,
          subCategory: str,
          context: { type: 'object', additionalProperties: true },
        },
      },
    },
  },
};

/** §3: the 429 body has its own shape. */
export const rateLimitResponse: Schema = {
  type: 'object',
  required: ['status', 'message', 'errorType', 'correlationId', 'policyName', 'requestId'],
  properties: {
    status: { type: 'string', enum: ['error'] },
    message: str,
    errorType: { type: 'string', enum: ['RATE_LIMIT'] },
    correlationId: uuid,
    policyName: { type: 'string', enum: ['DAILY', 'TEN_SECONDLY_ROLLING', 'SECONDLY'] },
    requestId: uuid,
  },
};
