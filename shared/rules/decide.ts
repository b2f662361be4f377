import type { Facts } from '../model/crm-data.js';
import type { Decision } from '../model/decision.js';
import type { Envelope, ParsedMessage } from '../model/parsed-message.js';
import { assertNever } from '../util/assert-never.js';
import { buildAccountIndex } from './account-index.js';
import { decideBcc } from './decide-bcc.js';
import { decideForward } from './decide-forward.js';
import { decideLogNow } from './decide-log-now.js';
import { resolveRoute } from './resolve-route.js';

/**
 * The seed's rules and ours, pure: given a parsed message, where it came from and the CRM facts it needs, what
 * happens to it. No I/O, so the add-in's pre-send preview (A3) runs the very same code. R1 picks the route; each
 * route checks its owner first (B1/B2, F1), then R2, then associates.
 */
export function decide(message: ParsedMessage, envelope: Envelope, facts: Facts): Decision {
  const index = buildAccountIndex(facts);
  const routing = resolveRoute(message, envelope, index);
  switch (routing.route) {
    case 'bcc':
      return decideBcc(message, routing, facts, index);
    case 'forward':
      return decideForward(message, routing, facts, index);
    case 'log-now':
      return decideLogNow(message, envelope, facts, index);
    default:
      return assertNever(routing.route);
  }
}
