import '../zod-without-eval.js';
import { openCompanionLink } from '../core/companion-link.js';
import { companionUrlFor } from '../core/companion-url.js';
import { createTranslator } from '../i18n/create-translator.js';
import { createOfficeHost } from '../office/office-async.js';
import { createLaunchHandlers, type Completion } from './launch-handlers.js';

/**
 * The launch events (docs/addin.md), bundled into ONE classic script: classic Outlook on Windows loads this file
 * alone in a JavaScript-only runtime (no imports, no localStorage, no Office.onReady), the other hosts through
 * events.html. Every event completes exactly once, within a few seconds, whatever happens.
 */

/** Outlook shows "taking longer than expected" after 5 s: the companion gets 3.5 s. */
const companionTimeoutMs = 3500;

type LaunchEvent = { completed(options?: Completion): void };
type HandlerName = 'onNewMessageCompose' | 'onMessageRecipientsChanged' | 'onMessageSend';

function run(name: HandlerName): (event: LaunchEvent) => void {
  return (event) => {
    let done = false;
    const complete = (completion: Completion): void => {
      if (!done) {
        done = true;
        event.completed(completion);
      }
    };
    // A last resort: whatever hangs, the event completes and the message is never held back.
    const fallback = setTimeout(() => complete({ allowEvent: true }), 4500);
    void (async () => {
      try {
        const host = createOfficeHost(Office);
        const t = await createTranslator(host.displayLanguage);
        const handlers = createLaunchHandlers({
          host,
          t,
          openLink: () =>
            openCompanionLink(host.storage, {
              ...pageCompanionUrl(),
              timeoutMs: companionTimeoutMs,
              fetch: globalThis.fetch.bind(globalThis),
            }),
        });
        complete(await handlers[name]());
      } catch {
        complete({ allowEvent: true });
      } finally {
        clearTimeout(fallback);
      }
    })();
  };
}

/**
 * Where the companion is, seen from events.html (web, Mac, new Outlook): the same rule as the panes', so that the
 * events page the companion serves calls its own origin. Classic Outlook's JavaScript-only runtime has no page
 * address: it uses the one the panes saw, else the default.
 */
function pageCompanionUrl(): { url?: string } {
  const where = (
    globalThis as { location?: { search: string; origin: string; hostname: string; protocol: string } }
  ).location;
  return where === undefined || where.protocol !== 'https:' ? {} : { url: companionUrlFor(where) };
}

Office.actions.associate('onNewMessageCompose', run('onNewMessageCompose'));
Office.actions.associate('onMessageRecipientsChanged', run('onMessageRecipientsChanged'));
Office.actions.associate('onMessageSend', run('onMessageSend'));
