import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatorState } from './emulator-state.js';
import type { RouteResponse } from './http-errors.js';
import type { Schema } from './validate.js';

export type RouteContext = {
  readonly state: EmulatorState;
  /** Named groups of the route's pattern. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The parsed JSON body (validated against `request`), or undefined. */
  readonly body: unknown;
  readonly raw: Buffer;
  readonly headers: IncomingHttpHeaders;
  readonly now: () => Date;
};

export type Route = {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Matched against the path with trailing slashes removed (the SDK's owners call keeps one, docs/hubspot.md). */
  readonly pattern: RegExp;
  /** The counter key; `{type}` is replaced by the object type of the request. */
  readonly name: string;
  readonly request?: Schema;
  /** Response schemas by status; error statuses fall back to the standard `Error` schema. */
  readonly responses: Readonly<Record<number, Schema>>;
  /** Search endpoints have their own per-second limit and no rate-limit headers (docs/hubspot.md). */
  readonly search?: boolean;
  readonly multipart?: boolean;
  handle(ctx: RouteContext): RouteResponse;
};
