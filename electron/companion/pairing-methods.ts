import type { CompanionService } from '#shared/api/companion-api.js';
import type { Companion } from './start-companion.js';

type PairingMethods = Pick<
  CompanionService,
  'requestPairing' | 'pollPairing' | 'listPairings' | 'allowPairing' | 'denyPairing' | 'revokePairing'
>;

/** Pairing an add-in pane (docs/api.md "Pairing"): the routes over `pairings.ts`. */
export function createPairingMethods(companion: Companion): PairingMethods {
  const { pairings } = companion;
  return {
    async requestPairing({ profile }, caller) {
      return pairings.request(profile, caller.kind === 'public' ? caller.origin : null);
    },
    async pollPairing({ requestId }) {
      return pairings.poll(requestId);
    },
    async listPairings() {
      return { ok: true, value: pairings.list() };
    },
    allowPairing: async ({ id }) => pairings.allow(id),
    denyPairing: async ({ id }) => pairings.deny(id),
    revokePairing: async ({ id }) => pairings.revoke(id),
  };
}
