import type { FastifyInstance, FastifyRequest } from 'fastify';
import { apiFailure, type ApiReply } from '#shared/api/api-error.js';
import {
  apiPrefix,
  companionMethods,
  companionRoutes,
  type CallerIdentity,
  type CompanionService,
} from '#shared/api/companion-api.js';
import type { Logger } from '../core/logger.js';
import { authenticate } from './authenticate.js';
import { bodyLimitOf } from './body-limit.js';
import { describeIssues } from './describe-issues.js';
import { createRateLimit } from './rate-limit.js';
import { sendReply } from './send-reply.js';
import type { SignIn } from './sign-in.js';

export type RouteDeps = {
  readonly service: CompanionService;
  readonly signIn: SignIn;
  readonly verifyPaneToken: (token: string) => string | null;
  readonly logger: Logger;
};

/** Public calls (pairing requests and polls) a minute, from every page together. */
export const publicCallsPerMinute = 120;

/**
 * Every route of the contract (`companionRoutes`), registered from the table alone (docs/api.md "Routes"): input
 * from the path and the query (GET, DELETE) or the JSON body, checked with the route's schema; access checked
 * first; the service's answer sent as the envelope. A fault in the service is a 500 `INTERNAL` with a sentence,
 * never a stack.
 */
export function registerRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const publicAllowed = createRateLimit(publicCallsPerMinute);
  for (const method of companionMethods) {
    const spec = companionRoutes[method];
    const call = deps.service[method] as (
      input: unknown,
      caller: CallerIdentity,
    ) => Promise<ApiReply<unknown>>;
    app.route({
      method: spec.verb,
      url: `${apiPrefix}${spec.path}`,
      bodyLimit: bodyLimitOf(method),
      handler: async (request, reply) => {
        const caller = authenticate(
          spec.access,
          {
            authorization: request.headers.authorization,
            cookie: request.headers.cookie,
            origin: request.headers.origin ?? null,
          },
          deps,
        );
        if (!caller.ok) {
          return sendReply(reply, caller);
        }
        if (spec.access === 'public' && !publicAllowed()) {
          return sendReply(reply, apiFailure('REQUEST.RATE_LIMITED', 'Too many requests: wait a minute.'));
        }
        const input = spec.input.safeParse(inputOf(request, spec.verb));
        if (!input.success) {
          return sendReply(reply, apiFailure('INPUT.INVALID', describeIssues(input.error)));
        }
        try {
          return sendReply(reply, await call(input.data, caller.value));
        } catch (error) {
          deps.logger.error('API call failed', {
            method,
            error: error instanceof Error ? error.message : String(error),
          });
          return sendReply(
            reply,
            apiFailure('INTERNAL', `The companion failed on ${method}; its log says why.`),
          );
        }
      },
    });
  }
}

function inputOf(request: FastifyRequest, verb: string): unknown {
  const params = request.params as Record<string, string>;
  if (verb === 'GET' || verb === 'DELETE') {
    return { ...(request.query as Record<string, unknown>), ...params };
  }
  const body = request.body ?? {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    return body; // the schema says what is wrong with it
  }
  return { ...body, ...params };
}

/** Whether some route of the contract has this path under another verb (a POST route called with GET…). */
export function hasRouteForPath(pathname: string): boolean {
  if (!pathname.startsWith(apiPrefix)) {
    return false;
  }
  const segments = pathname.slice(apiPrefix.length).split('/');
  return companionMethods.some((method) => {
    const template = companionRoutes[method].path.split('/');
    return (
      template.length === segments.length && template.every((t, i) => t.startsWith(':') || t === segments[i])
    );
  });
}
