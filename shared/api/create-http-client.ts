import { apiFailure, apiReplySchema, type ApiReply } from './api-error.js';
import {
  apiPrefix,
  companionMethods,
  companionRoutes,
  type CompanionApi,
  type CompanionMethod,
  type RouteSpec,
} from './companion-api.js';

/** The part of `fetch` the client needs; `shared/` has no DOM types, so it is spelled out here. */
export type FetchLike = (
  url: string,
  init: {
    readonly method: string;
    readonly headers: Record<string, string>;
    readonly body?: string;
    readonly credentials?: 'include' | 'same-origin' | 'omit';
  },
) => Promise<{ readonly status: number; json(): Promise<unknown> }>;

export type HttpClientOptions = {
  /** `https://localhost:47806`, or '' for the page's own origin. */
  readonly baseUrl: string;
  readonly fetch: FetchLike;
  /** A bearer token (scripts, the add-in's paired panes); absent = the window's signed-in session cookie. */
  readonly token?: () => string | null;
};

/**
 * The local API over HTTPS, derived from `companionRoutes`: path segments from the input, the rest as the query
 * (GET, DELETE) or a JSON body; every reply checked against the route's schema, and every failure returned as
 * data (docs/api.md).
 */
export function createHttpClient(options: HttpClientOptions): CompanionApi {
  const entries = companionMethods.map((method) => [
    method,
    (input: unknown) => call(options, companionRoutes[method], input),
  ]);
  return Object.fromEntries(entries) as CompanionApi;
}

async function call(options: HttpClientOptions, spec: RouteSpec, input: unknown): Promise<ApiReply<unknown>> {
  const { path, rest } = fillPath(spec.path, (input ?? {}) as Record<string, unknown>);
  const inQuery = spec.verb === 'GET' || spec.verb === 'DELETE';
  const query = inQuery ? toQuery(rest) : '';
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = options.token?.() ?? null;
  if (token !== null) {
    headers.authorization = `Bearer ${token}`;
  }
  if (!inQuery) {
    headers['content-type'] = 'application/json';
  }
  let status: number;
  let body: unknown;
  try {
    const response = await options.fetch(`${options.baseUrl}${apiPrefix}${path}${query}`, {
      method: spec.verb,
      headers,
      credentials: 'include',
      ...(inQuery ? {} : { body: JSON.stringify(rest) }),
    });
    status = response.status;
    body = await response.json();
  } catch (error) {
    return apiFailure('UNAVAILABLE', `The companion did not answer: ${describe(error)}`);
  }
  const reply = apiReplySchema(spec.output).safeParse(body);
  if (!reply.success) {
    return apiFailure('INTERNAL', `The companion's reply (HTTP ${status}) does not follow the API contract.`);
  }
  return reply.data as ApiReply<unknown>;
}

/** Replaces `:name` segments with the input's `name` (URI-encoded) and returns the fields left. */
export function fillPath(
  template: string,
  input: Record<string, unknown>,
): { readonly path: string; readonly rest: Record<string, unknown> } {
  const rest = { ...input };
  const path = template
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) {
        return segment;
      }
      const name = segment.slice(1);
      const value = rest[name];
      delete rest[name];
      return encodeURIComponent(String(value));
    })
    .join('/');
  return { path, rest };
}

function toQuery(fields: Record<string, unknown>): string {
  const pairs = Object.entries(fields)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export type { CompanionMethod };
