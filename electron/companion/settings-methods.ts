import type { CompanionService } from '#shared/api/companion-api.js';
import type { CompanionSettings } from '#shared/api/companion-schemas.js';
import type { Companion } from './start-companion.js';
import { fromStore } from './store-failure.js';

type SettingsMethods = Pick<CompanionService, 'getSettings' | 'putSettings'>;

/**
 * What the window's settings page edits (C2, docs/api.md "Settings"): the account settings live in the CRM
 * store, the companion's own preferences beside it. Secrets are never sent back, only whether one is stored (C4).
 * The connection (mailbox, backend) is `editable` only where the companion owns it: under IT's config file
 * (`serve --config`) it is shown read-only.
 */
export function createSettingsMethods(
  companion: Companion,
  options: { readonly editable: boolean },
): SettingsMethods {
  function read(): CompanionSettings {
    const { config, store } = companion;
    const settings = store.settings();
    const stored = companion.prefs.read();
    const prefs = {
      locale: stored.locale,
      defaultLogOn: stored.defaultLogOn,
      desktopNotifications: stored.desktopNotifications,
      addinOrigins: stored.addinOrigins,
      officeJsSource: stored.officeJsSource,
    };
    const mailbox = config.mailbox;
    const backend = config.backend;
    return {
      account: {
        bccAddress: settings.bccAddress,
        forwardingAddress: settings.forwardingAddress,
        requireToken: settings.requireToken,
        requireDmarc: settings.requireDmarc,
        internalDomains: [...settings.internalDomains],
        attachmentLimitMB: settings.attachmentLimitMB,
        dealsPerContact: settings.dealsPerContact,
        freeMailDomains: [...settings.freeMailDomains],
      },
      companion: prefs,
      mailbox:
        mailbox === undefined
          ? null
          : {
              host: mailbox.host,
              port: mailbox.port,
              secure: mailbox.secure,
              tls: 'required',
              user: mailbox.user,
              folder: mailbox.folder,
              onlyFor: mailbox.onlyFor ?? null,
              hasSecret: mailbox.password !== undefined || mailbox.accessToken !== undefined,
            },
      backend:
        backend.kind === 'local'
          ? { kind: 'local' }
          : backend.kind === 'hubspot'
            ? { kind: 'hubspot', baseUrl: backend.baseUrl ?? null, hasSecret: backend.accessToken !== '' }
            : { kind: 'postgres', url: redactUrl(backend.url), hasSecret: true },
      editable: options.editable,
    };
  }

  return {
    async getSettings() {
      return { ok: true, value: read() };
    },
    async putSettings(patch) {
      const saved = fromStore(() => {
        if (patch.account !== undefined && Object.keys(patch.account).length > 0) {
          companion.store.importCrm({ users: [], settings: patch.account });
        }
        return { ok: true, value: null };
      });
      if (!saved.ok) {
        return saved;
      }
      if (patch.companion !== undefined) {
        companion.prefs.write({ ...companion.prefs.read(), ...patch.companion });
      }
      return { ok: true, value: read() };
    },
  };
}

/** A PostgreSQL URL without its password. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') {
      parsed.password = '***';
    }
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}
