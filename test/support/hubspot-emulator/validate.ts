/**
 * A tiny JSON-schema-like validator for the emulator's request and response schemas (zod and Ajv are not
 * dependencies). Schemas are plain data written from `docs/hubspot.md`, not from the adapter's types.
 */
export type Schema =
  | {
      readonly type: 'string';
      readonly enum?: ReadonlyArray<string>;
      readonly pattern?: RegExp;
      readonly format?: 'date-time' | 'uuid' | 'digits';
      readonly minLength?: number;
    }
  | { readonly type: 'integer' | 'number'; readonly minimum?: number; readonly maximum?: number }
  | { readonly type: 'boolean' }
  | { readonly type: 'null' }
  | { readonly type: 'any' }
  | {
      readonly type: 'array';
      readonly items: Schema;
      readonly minItems?: number;
      readonly maxItems?: number;
    }
  | {
      readonly type: 'object';
      readonly properties?: Readonly<Record<string, Schema>>;
      readonly required?: ReadonlyArray<string>;
      /** Default false: an unknown field is an error (HubSpot's JSON binding rejects unrecognised fields). */
      readonly additionalProperties?: boolean | Schema;
    }
  | { readonly oneOf: ReadonlyArray<Schema> };

const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every problem found, as `path: message`; empty when the value conforms. */
export function validate(schema: Schema, value: unknown, path = '$'): string[] {
  if ('oneOf' in schema) {
    const matches = schema.oneOf.filter((s) => validate(s, value, path).length === 0).length;
    return matches === 1 ? [] : [`${path}: must match exactly one schema (matched ${matches})`];
  }
  switch (schema.type) {
    case 'any':
      return [];
    case 'null':
      return value === null ? [] : [`${path}: must be null`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${path}: must be boolean`];
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return [`${path}: must be ${schema.type}`];
      }
      if (schema.type === 'integer' && !Number.isInteger(value)) {
        return [`${path}: must be integer`];
      }
      if (schema.minimum !== undefined && value < schema.minimum) {
        return [`${path}: must be >= ${schema.minimum}`];
      }
      if (schema.maximum !== undefined && value > schema.maximum) {
        return [`${path}: must be <= ${schema.maximum}`];
      }
      return [];
    }
    case 'string':
      return validateString(schema, value, path);
    case 'array': {
      if (!Array.isArray(value)) {
        return [`${path}: must be array`];
      }
      const problems: string[] = [];
      if (schema.minItems !== undefined && value.length < schema.minItems) {
        problems.push(`${path}: must have at least ${schema.minItems} items`);
      }
      if (schema.maxItems !== undefined && value.length > schema.maxItems) {
        problems.push(`${path}: must have at most ${schema.maxItems} items`);
      }
      value.forEach((item, i) => problems.push(...validate(schema.items, item, `${path}[${i}]`)));
      return problems;
    }
    case 'object':
      return validateObject(schema, value, path);
  }
}

function validateString(schema: Extract<Schema, { type: 'string' }>, value: unknown, path: string): string[] {
  if (typeof value !== 'string') {
    return [`${path}: must be string`];
  }
  if (schema.enum !== undefined && !schema.enum.includes(value)) {
    return [`${path}: must be one of ${schema.enum.join(', ')}`];
  }
  if (schema.minLength !== undefined && value.length < schema.minLength) {
    return [`${path}: must not be shorter than ${schema.minLength}`];
  }
  if (schema.pattern !== undefined && !schema.pattern.test(value)) {
    return [`${path}: must match ${String(schema.pattern)}`];
  }
  if (schema.format === 'date-time' && !(dateTime.test(value) && !Number.isNaN(Date.parse(value)))) {
    return [`${path}: must be date-time`];
  }
  if (schema.format === 'uuid' && !uuid.test(value)) {
    return [`${path}: must be uuid`];
  }
  if (schema.format === 'digits' && !/^\d+$/.test(value)) {
    return [`${path}: must be a numeric id`];
  }
  return [];
}

function validateObject(schema: Extract<Schema, { type: 'object' }>, value: unknown, path: string): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`${path}: must be object`];
  }
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of schema.required ?? []) {
    if (record[key] === undefined) {
      problems.push(`${path}: missing required property ${key}`);
    }
  }
  for (const [key, item] of Object.entries(record)) {
    const known = schema.properties?.[key];
    if (known !== undefined) {
      problems.push(...validate(known, item, `${path}.${key}`));
    } else if (typeof schema.additionalProperties === 'object') {
      problems.push(...validate(schema.additionalProperties, item, `${path}.${key}`));
    } else if (schema.additionalProperties !== true) {
      problems.push(`${path}: unrecognized field ${key}`);
    }
  }
  return problems;
}
