import type { ApiError } from '#shared/api/api-error.js';
import type { CompanionLink } from './companion-link.js';

export type PairingProgress =
  | { readonly kind: 'waiting'; readonly code: string }
  | { readonly kind: 'paired' }
  | { readonly kind: 'denied' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'failed'; readonly error: ApiError };

/**
 * Pairing (docs/api.md#pairing): the pane asks, shows the short code, and waits while the user allows the
 * request in the companion's window; the token it then receives once is this Outlook profile's own.
 */
export async function pairWithCompanion(
  link: CompanionLink,
  profile: string,
  onProgress: (progress: PairingProgress) => void,
  options: { readonly pollMs: number; readonly signal?: AbortSignal },
): Promise<PairingProgress> {
  const request = await link.api.requestPairing({ profile });
  if (!request.ok) {
    return report({ kind: 'failed', error: request.error });
  }
  onProgress({ kind: 'waiting', code: request.value.code });
  while (options.signal?.aborted !== true) {
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
    const poll = await link.api.pollPairing({ requestId: request.value.requestId });
    if (!poll.ok) {
      return report({ kind: 'failed', error: poll.error });
    }
    if (poll.value.state === 'allowed' && poll.value.token !== null) {
      await link.saveToken(poll.value.token);
      return report({ kind: 'paired' });
    }
    if (poll.value.state === 'denied' || poll.value.state === 'expired') {
      return report({ kind: poll.value.state });
    }
  }
  return report({ kind: 'expired' });

  function report(progress: PairingProgress): PairingProgress {
    onProgress(progress);
    return progress;
  }
}
