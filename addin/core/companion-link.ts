import type { ApiError } from '#shared/api/api-error.js';
import type { CompanionApi } from '#shared/api/companion-api.js';
import { createHttpClient, type FetchLike } from '#shared/api/create-http-client.js';
import type { KeyValueStore } from '../office/outlook-host.js';

/** The companion's fixed default address (docs/api.md): the manifest and the panes name it. */
export const defaultCompanionUrl = 'https://localhost:47806';

const tokenKey = 'crm-mail-logger.pane-token';
const companionUrlKey = 'crm-mail-logger.companion-url';

/** How the add-in stands with the companion, as the panes and the launch events report it (docs/addin.md). */
export type LinkProblem = 'unpaired' | 'revoked' | 'unreachable' | 'other';

export type CompanionLink = {
  readonly api: CompanionApi;
  readonly url: string;
  readonly paired: boolean;
  /** Keeps the pane's own token (after pairing), for this Outlook profile only. */
  saveToken(token: string): Promise<void>;
  forgetToken(): Promise<void>;
};

/**
 * The add-in's side of the API: the same client the window uses, with this Outlook profile's pane token, and a
 * time limit on every call so that a launch event always completes within Outlook's limits.
 */
export async function openCompanionLink(
  storage: KeyValueStore,
  options: { readonly url?: string; readonly timeoutMs: number; readonly fetch: typeof fetch },
): Promise<CompanionLink> {
  const url = options.url ?? (await storage.get(companionUrlKey)) ?? defaultCompanionUrl;
  if (options.url !== undefined) {
    // The launch-event runtime has no page to read the address from: it uses the one the panes saw.
    await storage.set(companionUrlKey, options.url);
  }
  let token = await storage.get(tokenKey);
  const timedFetch: FetchLike = (input, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    return options
      .fetch(input, { ...init, credentials: 'omit', signal: controller.signal })
      .finally(() => clearTimeout(timer));
  };
  return {
    api: createHttpClient({ baseUrl: url, fetch: timedFetch, token: () => token }),
    url,
    paired: token !== null,
    async saveToken(value) {
      token = value;
      await storage.set(tokenKey, value);
    },
    async forgetToken() {
      token = null;
      await storage.remove(tokenKey);
    },
  };
}

/** What an API failure means to the user of the add-in. */
export function classifyFailure(error: ApiError, hadToken: boolean): LinkProblem {
  if (error.code === 'UNAVAILABLE') {
    return 'unreachable';
  }
  if (error.code === 'AUTH.REQUIRED' || error.code === 'AUTH.INVALID' || error.code === 'AUTH.FORBIDDEN') {
    return hadToken ? 'revoked' : 'unpaired';
  }
  return 'other';
}
