import type { CompanionStatus } from '#shared/api/companion-schemas.js';
import { companionUser } from './companion-user.js';
import type { Companion } from './start-companion.js';

/** `GET status` (docs/api.md): what the window's header, the tray badge and the add-in's panes show. */
export function readStatus(companion: Companion): CompanionStatus {
  const { config, store, prefs, health } = companion;
  const stored = prefs.read();
  const user = companionUser(companion);
  const mailbox = config.mailbox;
  const lastError = health.lastError();
  return {
    version: companion.version,
    user: user === null ? null : { email: user.email, name: user.name ?? null },
    sample: stored.sample,
    setupComplete: mailbox !== undefined,
    mailbox: {
      ...health.mailbox(),
      label:
        mailbox === undefined ? null : `${mailbox.user}@${mailbox.host}:${mailbox.port}/${mailbox.folder}`,
    },
    backend: {
      kind: config.backend.kind,
      state: config.backend.kind === 'local' ? 'ok' : backendState(store.outboxCounts().failed),
      detail: null,
    },
    outbox: store.outboxCounts(),
    unreadFailures: store.failuresAfter(stored.seenFailuresUpTo),
    lastError,
  };
}

function backendState(failed: number): CompanionStatus['backend']['state'] {
  return failed > 0 ? 'offline' : 'ok';
}
