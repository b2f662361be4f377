import type { FastifyReply } from 'fastify';
import type { ApiReply } from '#shared/api/api-error.js';
import { statusOfError } from './status-of-error.js';

/** Every API answer goes out as the envelope (docs/api.md "Envelope"), with the status its error code implies. */
export function sendReply(reply: FastifyReply, body: ApiReply<unknown>): FastifyReply {
  return reply
    .code(body.ok ? 200 : statusOfError(body.error.code))
    .type('application/json; charset=utf-8')
    .send(body);
}
