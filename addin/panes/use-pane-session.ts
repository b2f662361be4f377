import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '#shared/api/api-error.js';
import type { MethodOutput } from '#shared/api/companion-api.js';
import {
  classifyFailure,
  openCompanionLink,
  type CompanionLink,
  type LinkProblem,
} from '../core/companion-link.js';
import { companionUrlFor } from '../core/companion-url.js';
import type { OutlookHost } from '../office/outlook-host.js';

export type PaneSession =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly link: CompanionLink; readonly me: MethodOutput<'getMe'> }
  | {
      readonly kind: 'problem';
      readonly problem: LinkProblem;
      readonly link: CompanionLink;
      readonly error: ApiError;
    };

/**
 * The pane's standing with the companion: paired and answering (with the user's addresses), or why not.
 * `reload` runs again after pairing.
 */
export function usePaneSession(host: OutlookHost): { session: PaneSession; reload: () => void } {
  const [session, setSession] = useState<PaneSession>({ kind: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    void (async () => {
      const link = await openCompanionLink(host.storage, {
        url: companionUrlFor(window.location),
        timeoutMs: 15_000,
        fetch: window.fetch.bind(window),
      });
      const me = await link.api.getMe({});
      if (!live) {
        return;
      }
      setSession(
        me.ok
          ? { kind: 'ready', link, me: me.value }
          : { kind: 'problem', problem: classifyFailure(me.error, link.paired), link, error: me.error },
      );
    })();
    return () => {
      live = false;
    };
  }, [host, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { session, reload };
}
