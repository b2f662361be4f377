import type { FastifyInstance } from 'fastify';
import { apiPrefix } from '#shared/api/companion-api.js';
import type { CompanionEvents } from '../companion/companion-events.js';
import { authenticate } from './authenticate.js';
import type { RouteDeps } from './routes.js';
import { sendReply } from './send-reply.js';

/** A comment line this often keeps proxies and the browser from closing a quiet stream. */
export const heartbeatMs = 15_000;

/**
 * `GET /api/v1/events` (docs/api.md "Events"): server-sent events for the window, owner access (cookie or
 * bearer). Each event's name is its `type`, its data the JSON of the contract's `companionEventSchema`.
 */
export function registerEventStream(
  app: FastifyInstance,
  events: CompanionEvents,
  deps: Pick<RouteDeps, 'signIn' | 'verifyPaneToken'>,
): void {
  app.get(`${apiPrefix}events`, (request, reply) => {
    const caller = authenticate(
      'owner',
      { authorization: request.headers.authorization, cookie: request.headers.cookie, origin: null },
      deps,
    );
    if (!caller.ok) {
      return sendReply(reply, caller);
    }
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    raw.write(': connected\n\n');
    const unsubscribe = events.on((event) => {
      raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), heartbeatMs);
    const end = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
    };
    request.raw.on('close', end);
    raw.on('close', end);
    return reply;
  });
}
