import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmulatorState, objectTypeOf } from './emulator-state.js';
import {
  errorBody,
  rateLimited,
  validationError,
  type RateLimitPolicy,
  type RouteResponse,
} from './http-errors.js';
import { objectRoutes } from './object-routes.js';
import { otherRoutes } from './other-routes.js';
import type { Route } from './route.js';
import { errorResponse, rateLimitResponse } from './schemas.js';
import { validate } from './validate.js';

/**
 * A stateful HubSpot CRM emulator on 127.0.0.1 for tests (docs/architecture.md "Delivery path used in tests").
 * It validates every request and response against schemas written from `docs/hubspot.md`, rejects what
 * HubSpot rejects (auth, unknown or read-only properties, batch caps, bad association types, duplicate contacts),
 * enforces the documented rate limits itself (docs/hubspot.md), counts requests per endpoint, and injects faults.
 */

export type Fault =
  | {
      readonly kind: 'rate-limit';
      readonly policy: RateLimitPolicy;
      readonly retryAfterSeconds?: number;
      readonly count?: number;
      readonly match?: RegExp;
    }
  | {
      readonly kind: 'server-error';
      readonly status?: 500 | 502 | 503 | 504;
      readonly count?: number;
      readonly match?: RegExp;
    }
  | {
      /** A 400 `VALIDATION_ERROR` as HubSpot sends for a property it refuses: not retryable, so the row fails at once. */
      readonly kind: 'validation-error';
      readonly count?: number;
      readonly match?: RegExp;
    }
  | {
      /** No answer until `stop()`. `afterHandling`: the request is carried out first (a write that timed out). */
      readonly kind: 'hang';
      readonly afterHandling?: boolean;
      readonly count?: number;
      readonly match?: RegExp;
    }
  | {
      /**
       * A race made certain: each of the next `count` matching requests is carried out at once, but none is
       * answered until all `count` have been carried out (two companions that searched before either created).
       */
      readonly kind: 'barrier';
      readonly count: number;
      readonly match?: RegExp;
    }
  | {
      /** A 200 whose body is cut off. `afterHandling`: the request is carried out first. */
      readonly kind: 'malformed-json';
      readonly afterHandling?: boolean;
      readonly count?: number;
      readonly match?: RegExp;
    };

export type HubSpotEmulatorOptions = {
  /** The private-app token requests must carry (default: a random `pat-na1-…`). */
  readonly token?: string;
  /** Per-token rolling window (docs/hubspot.md: 190 / 10 s for Professional and Enterprise). */
  readonly tenSecondly?: { readonly max: number; readonly intervalMs: number };
  /** Search's own per-second limit (docs/hubspot.md: 4 or 5 [verify]; default 5). */
  readonly searchPerSecond?: number;
  /** Per-day limit (default 625,000, Professional). */
  readonly daily?: number;
  readonly now?: () => Date;
};

export type EmulatorCounts = {
  total: number;
  /** By endpoint, e.g. `POST /crm/v3/objects/emails/batch/create`. */
  readonly byEndpoint: Record<string, number>;
  readonly byStatus: Record<number, number>;
  /** 429s from the emulator's own limits (not injected): a client that paces itself keeps this at 0. */
  readonly limitExceeded: Record<RateLimitPolicy, number>;
  injected: number;
  /** The most requests one token had in any ten-secondly window. */
  peakInWindow: number;
};

export type RequestRecord = {
  readonly method: string;
  readonly path: string;
  readonly status: number | 'hang';
};

export type HubSpotEmulator = {
  readonly url: string;
  readonly token: string;
  readonly state: EmulatorState;
  readonly counts: EmulatorCounts;
  readonly requests: ReadonlyArray<RequestRecord>;
  /** Responses the emulator produced that broke its own schemas (a bug in the emulator): tests expect none. */
  readonly violations: ReadonlyArray<string>;
  inject(fault: Fault): void;
  /** HubSpot recovers: every fault not yet used up is dropped. */
  clearFaults(): void;
  stop(): Promise<void>;
};

const routes: ReadonlyArray<Route> = [...objectRoutes, ...otherRoutes];
const maxBody = 64 * 2 ** 20;

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBody) {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(size > maxBody ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startHubSpotEmulator(options: HubSpotEmulatorOptions = {}): Promise<HubSpotEmulator> {
  const now = options.now ?? (() => new Date());
  const token = options.token ?? `pat-na1-${randomBytes(12).toString('hex')}`;
  const tenSecondly = options.tenSecondly ?? { max: 190, intervalMs: 10_000 };
  const searchPerSecond = options.searchPerSecond ?? 5;
  const daily = options.daily ?? 625_000;
  const state = new EmulatorState(now);
  const counts: EmulatorCounts = {
    total: 0,
    byEndpoint: {},
    byStatus: {},
    limitExceeded: { DAILY: 0, TEN_SECONDLY_ROLLING: 0, SECONDLY: 0 },
    injected: 0,
    peakInWindow: 0,
  };
  const requests: RequestRecord[] = [];
  const violations: string[] = [];
  const faults: Array<{ fault: Fault; left: number }> = [];
  /** Answers held by a barrier fault until its last request has been carried out. */
  const barriers = new Map<Fault, Array<() => void>>();
  const window: number[] = [];
  const searchWindow: number[] = [];
  let dayCount = 0;

  function limitHeaders(): Record<string, string> {
    return {
      'x-hubspot-ratelimit-daily': String(daily),
      'x-hubspot-ratelimit-daily-remaining': String(Math.max(0, daily - dayCount)),
      'x-hubspot-ratelimit-interval-milliseconds': String(tenSecondly.intervalMs),
      'x-hubspot-ratelimit-max': String(tenSecondly.max),
      'x-hubspot-ratelimit-remaining': String(Math.max(0, tenSecondly.max - window.length)),
    };
  }

  function send(res: ServerResponse, response: RouteResponse, extraHeaders: Record<string, string>): void {
    const body = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
    res.writeHead(response.status, {
      'content-type': typeof response.body === 'string' ? 'text/html' : 'application/json;charset=utf-8',
      ...extraHeaders,
      ...response.headers,
    });
    res.end(body);
  }

  /** Checks what the emulator is about to answer against its schema; a mismatch is the emulator's bug. */
  function checked(route: Route | null, key: string, response: RouteResponse): RouteResponse {
    const schema =
      response.status === 429
        ? rateLimitResponse
        : response.status >= 400
          ? errorResponse
          : route?.responses[response.status];
    const problems =
      schema === undefined ? [`no response schema for ${response.status}`] : validate(schema, response.body);
    if (problems.length === 0) {
      return response;
    }
    violations.push(`${key} ${response.status}: ${problems.join('; ')}`);
    return errorBody(500, 'EMULATOR_RESPONSE_INVALID', problems.join('; '));
  }

  function takeFault(signature: string): Fault | null {
    const entry = faults.find((f) => f.left > 0 && (f.fault.match?.test(signature) ?? true));
    if (entry === undefined) {
      return null;
    }
    entry.left--;
    counts.injected++;
    return entry.fault;
  }

  /** The rate-limit decision for one authenticated request (docs/hubspot.md), counting it in every window. */
  function limit(route: Route | null): RouteResponse | null {
    const at = now().getTime();
    while (window.length > 0 && (window[0] ?? 0) <= at - tenSecondly.intervalMs) {
      window.shift();
    }
    while (searchWindow.length > 0 && (searchWindow[0] ?? 0) <= at - 1000) {
      searchWindow.shift();
    }
    window.push(at);
    dayCount++;
    counts.peakInWindow = Math.max(counts.peakInWindow, window.length);
    if (dayCount > daily) {
      counts.limitExceeded.DAILY++;
      return rateLimited('DAILY', limitHeaders());
    }
    if (route?.search === true) {
      searchWindow.push(at);
      if (searchWindow.length > searchPerSecond) {
        counts.limitExceeded.SECONDLY++;
        return rateLimited('SECONDLY', {});
      }
    }
    if (window.length > tenSecondly.max) {
      counts.limitExceeded.TEN_SECONDLY_ROLLING++;
      const wait = Math.max(1, Math.ceil(((window[0] ?? at) + tenSecondly.intervalMs - at) / 1000));
      return rateLimited('TEN_SECONDLY_ROLLING', { ...limitHeaders(), 'retry-after': String(wait) });
    }
    return null;
  }

  function runRoute(
    route: Route,
    req: IncomingMessage,
    url: URL,
    params: Record<string, string>,
    raw: Buffer,
  ): RouteResponse {
    let body: unknown;
    if (route.request !== undefined) {
      if (!/^application\/json/i.test(String(req.headers['content-type'] ?? ''))) {
        return errorBody(415, 'VALIDATION_ERROR', 'Content-Type must be application/json');
      }
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch (e) {
        return validationError(`Invalid input JSON: ${(e as Error).message}`);
      }
      const problems = validate(route.request, body);
      if (problems.length > 0) {
        return validationError(`Invalid input JSON: ${problems.join('; ')}`, {
          errors: problems.map((message) => ({ message })),
        });
      }
    }
    return route.handle({ state, params, query: url.searchParams, body, raw, headers: req.headers, now });
  }

  const hanging = new Set<ServerResponse>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const method = req.method ?? 'GET';
    let route: Route | null = null;
    let params: Record<string, string> = {};
    for (const candidate of routes) {
      const match = candidate.method === method ? candidate.pattern.exec(path) : null;
      if (match !== null) {
        route = candidate;
        params = { ...match.groups };
        break;
      }
    }
    const key =
      route === null
        ? `${method} (unknown) ${path}`
        : route.name
            .replace('{type}', objectTypeOf(params.type ?? '') ?? params.type ?? '')
            .replace('{from}', objectTypeOf(params.from ?? '') ?? params.from ?? '')
            .replace('{to}', objectTypeOf(params.to ?? '') ?? params.to ?? '');
    counts.total++;
    counts.byEndpoint[key] = (counts.byEndpoint[key] ?? 0) + 1;
    const finish = (response: RouteResponse): void => {
      const final = checked(route, key, response);
      counts.byStatus[final.status] = (counts.byStatus[final.status] ?? 0) + 1;
      requests.push({ method, path, status: final.status });
      send(res, final, route?.search === true || final.status === 401 ? {} : limitHeaders());
    };
    const hang = (): void => {
      requests.push({ method, path, status: 'hang' });
      hanging.add(res);
    };

    if (req.headers.authorization !== `Bearer ${token}`) {
      finish(
        errorBody(
          401,
          'INVALID_AUTHENTICATION',
          'Authentication credentials not found. This API supports OAuth 2.0 authentication.',
        ),
      );
      return;
    }
    const limited = limit(route);
    const fault = takeFault(`${method} ${path}`);
    if (fault?.kind === 'rate-limit') {
      const retry: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      finish(
        rateLimited(fault.policy, fault.policy === 'SECONDLY' ? retry : { ...limitHeaders(), ...retry }),
      );
      return;
    }
    if (fault?.kind === 'server-error') {
      const status = fault.status ?? 500;
      if (status === 500) {
        finish(errorBody(500, 'INTERNAL_ERROR', 'internal error'));
      } else {
        // A gateway's page, not HubSpot's JSON: exempt from the schemas on purpose.
        counts.byStatus[status] = (counts.byStatus[status] ?? 0) + 1;
        requests.push({ method, path, status });
        send(res, { status, body: '<html><body>Bad gateway</body></html>' }, {});
      }
      return;
    }
    if (fault?.kind === 'validation-error') {
      finish(errorBody(400, 'VALIDATION_ERROR', 'Property values were not valid'));
      return;
    }
    if (fault !== null && fault.kind !== 'barrier' && fault.afterHandling !== true) {
      if (fault.kind === 'hang') {
        hang();
      } else {
        requests.push({ method, path, status: 200 });
        res
          .writeHead(200, { 'content-type': 'application/json;charset=utf-8' })
          .end('{"status":"COMPLETE","results":[{"id":');
      }
      return;
    }
    if (limited !== null) {
      finish(limited);
      return;
    }
    if (raw === null) {
      finish(errorBody(413, 'VALIDATION_ERROR', 'Request entity too large'));
      return;
    }
    const response =
      route === null
        ? errorBody(404, 'OBJECT_NOT_FOUND', `No route for ${method} ${path}`)
        : runRoute(route, req, url, params, raw);
    if (fault?.kind === 'barrier') {
      const held = barriers.get(fault) ?? [];
      held.push(() => finish(response));
      barriers.set(fault, held);
      if (held.length >= fault.count) {
        barriers.delete(fault);
        held.forEach((answer) => answer());
      }
    } else if (fault?.kind === 'hang') {
      hang();
    } else if (fault?.kind === 'malformed-json') {
      requests.push({ method, path, status: response.status });
      res
        .writeHead(response.status, { 'content-type': 'application/json;charset=utf-8' })
        .end(JSON.stringify(response.body).slice(0, 20));
    } else {
      finish(response);
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      violations.push(`emulator crashed: ${e instanceof Error ? e.stack : String(e)}`);
      if (!res.headersSent) {
        send(res, errorBody(500, 'INTERNAL_ERROR', 'emulator crashed'), {});
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    state,
    counts,
    requests,
    violations,
    inject(fault) {
      faults.push({ fault, left: fault.count ?? 1 });
    },
    clearFaults() {
      faults.length = 0;
    },
    stop() {
      for (const res of hanging) {
        res.destroy();
      }
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((e) => (e === undefined ? resolve() : reject(e))));
    },
  };
}
