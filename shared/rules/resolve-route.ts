import type { Envelope, ParsedMessage, Route } from '../model/parsed-message.js';
import type { AccountIndex, LoggingAddressMatch } from './account-index.js';

export type Routing = {
  readonly route: Route;
  /** The logging address the route was read from, with its token or personal owner (null: none seen). */
  readonly via: LoggingAddressMatch | null;
};

/**
 * R1: a message is a forward when it reached a forwarding address — known from the intake, else from
 * Delivered-To / X-Original-To, else from a forwarding address in To or Cc; otherwise a BCC log. The token, if
 * any, is read from the same address. Delivered-To headers are prepended hop by hop, so the first one that is a
 * logging address is the final delivery.
 */
export function resolveRoute(message: ParsedMessage, envelope: Envelope, index: AccountIndex): Routing {
  const firstMatch = (addresses: ReadonlyArray<string>): LoggingAddressMatch | null => {
    for (const a of addresses) {
      const match = index.matchLoggingAddress(a);
      if (match) {
        return match;
      }
    }
    return null;
  };
  const fromEnvelope =
    envelope.recipient === undefined ? null : index.matchLoggingAddress(envelope.recipient);
  const fromHeaders = firstMatch([...message.headers.deliveredTo, ...message.headers.xOriginalTo]);
  const visible = [...message.to, ...message.cc].map((a) => a.address);
  const forwardInVisible =
    visible
      .map((a) => index.matchLoggingAddress(a))
      .find((m): m is LoggingAddressMatch => m !== null && m.route === 'forward') ?? null;

  const via = fromEnvelope ?? fromHeaders ?? forwardInVisible;
  if (envelope.route !== undefined) {
    return { route: envelope.route, via: envelope.route === 'log-now' ? null : via };
  }
  return { route: via?.route ?? 'bcc', via };
}
