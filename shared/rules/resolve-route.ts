import type { Envelope, Route, RoutingFields } from '../model/parsed-message.js';
import type { AccountIndex, LoggingAddressMatch } from './account-index.js';

export type Routing = {
  readonly route: Route;
  /** The logging address the route was read from, with its token or personal owner (null: none seen). */
  readonly via: LoggingAddressMatch | null;
};

/**
 * R1: a message is a forward when it reached a forwarding address — known from the intake, else from
 * Delivered-To / X-Original-To, else from a forwarding address in To or Cc; otherwise a BCC log. The token, if
 * any, is read from the same address. Only delivery fields above the first Received count (our own server wrote
 * them at final delivery), and of those the topmost logging address wins, whichever of the two fields it is: a
 * Delivered-To further down was written by someone else, whatever it names. The intake's claim step calls this
 * very function on the fields it fetched, so a message is claimed by the rules that later decide it.
 */
export function resolveRoute(message: RoutingFields, envelope: Envelope, index: AccountIndex): Routing {
  const fromEnvelope =
    envelope.recipient === undefined ? null : index.matchLoggingAddress(envelope.recipient);
  const fromHeaders = firstMatch(
    message.headers.delivery.filter((h) => h.aboveFirstReceived).map((h) => h.address),
    index,
  );
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

function firstMatch(addresses: ReadonlyArray<string>, index: AccountIndex): LoggingAddressMatch | null {
  for (const address of addresses) {
    const match = index.matchLoggingAddress(address);
    if (match) {
      return match;
    }
  }
  return null;
}
