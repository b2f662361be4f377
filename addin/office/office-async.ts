import { err, ok } from '#shared/util/result.js';
import type {
  HostError,
  HostResult,
  KeyValueStore,
  OutlookHost,
  ReadItem,
  Recipient,
} from './outlook-host.js';

/**
 * The one place that calls Office.js (docs/addin.md): each callback API becomes a promise of a Result, each
 * requirement set is checked before use, so a pane never meets a missing method or an unhandled callback error.
 * Only documented API is used, so any implementation that follows the documentation works.
 */
export function createOfficeHost(office: typeof Office): OutlookHost {
  const mailbox = office.context.mailbox;
  const item = mailbox.item as (Office.MessageCompose & Office.MessageRead) | null | undefined;
  const supportsSet = (minor: number): boolean =>
    office.context.requirements.isSetSupported('Mailbox', `1.${minor}`);
  const mode: OutlookHost['mode'] =
    item === null || item === undefined
      ? 'none'
      : typeof (item.to as Office.Recipients | undefined)?.getAsync === 'function'
        ? 'compose'
        : 'read';
  const compose = (): Office.MessageCompose => item as Office.MessageCompose;

  return {
    displayLanguage: office.context.displayLanguage,
    mode,
    userEmail: mailbox.userProfile.emailAddress,
    supportsSet,
    async getRecipients(field) {
      if (mode !== 'compose') {
        return err(unsupported('Recipients can be changed only while writing a message.', 1));
      }
      return settle<Office.EmailAddressDetails[], ReadonlyArray<Recipient>>(
        (done) => compose()[field].getAsync(done),
        (list) => list.map(toRecipient),
      );
    },
    async addRecipients(field, list) {
      return settle<void, void>(
        (done) => compose()[field].addAsync(list.map(toDetails), done),
        () => undefined,
      );
    },
    async setRecipients(field, list) {
      return settle<void, void>(
        (done) => compose()[field].setAsync(list.map(toDetails), done),
        () => undefined,
      );
    },
    async getSubject() {
      if (mode === 'read') {
        return ok((item as Office.MessageRead).subject);
      }
      return settle<string, string>(
        (done) => compose().subject.getAsync(done),
        (subject) => subject,
      );
    },
    async getFrom() {
      const profile: Recipient = {
        emailAddress: mailbox.userProfile.emailAddress,
        displayName: mailbox.userProfile.displayName,
      };
      if (mode !== 'compose' || !supportsSet(7)) {
        return ok(profile);
      }
      return settle<Office.EmailAddressDetails, Recipient>(
        (done) => compose().from.getAsync(done),
        toRecipient,
      );
    },
    async getSessionValue(key) {
      if (supportsSet(11)) {
        const value = await settle<string, string | null>(
          (done) => compose().sessionData.getAsync(key, done),
          (v) => v,
        );
        // An unset key is reported as a failure by some hosts: it means "no value".
        return value.ok ? value : ok(null);
      }
      const props = await customProperties();
      return props.ok ? ok((props.value.get(key) as string | undefined) ?? null) : props;
    },
    async setSessionValue(key, value) {
      if (supportsSet(11)) {
        return settle<void, void>(
          (done) => compose().sessionData.setAsync(key, value, done),
          () => undefined,
        );
      }
      const props = await customProperties();
      if (!props.ok) {
        return props;
      }
      props.value.set(key, value);
      return settle<void, void>(
        (done) => props.value.saveAsync(done),
        () => undefined,
      );
    },
    async showNotification(key, message, kind) {
      if (item === null || item === undefined || !supportsSet(3)) {
        return err(unsupported('This Outlook cannot show notifications on a message.', 3));
      }
      const details: Office.NotificationMessageDetails =
        kind === 'error'
          ? {
              type: office.MailboxEnums.ItemNotificationMessageType.ErrorMessage,
              message: clip(message, 150),
            }
          : {
              type: office.MailboxEnums.ItemNotificationMessageType.InformationalMessage,
              message: clip(message, 150),
              icon: 'Icon.16',
              persistent: false,
            };
      return settle<void, void>(
        (done) => item.notificationMessages.replaceAsync(key, details, done),
        () => undefined,
      );
    },
    readItem() {
      if (mode !== 'read') {
        return null;
      }
      const read = item as Office.MessageRead;
      const result: ReadItem = {
        from: read.from === null || read.from === undefined ? null : toRecipient(read.from),
        to: (read.to ?? []).map(toRecipient),
        cc: (read.cc ?? []).map(toRecipient),
        subject: read.subject ?? '',
        internetMessageId: read.internetMessageId ?? null,
        dateTimeCreated: read.dateTimeCreated === undefined ? null : read.dateTimeCreated.toISOString(),
      };
      return result;
    },
    async getAsFile() {
      const read = item as Office.MessageRead | null | undefined;
      if (mode !== 'read' || !supportsSet(14) || typeof read?.getAsFileAsync !== 'function') {
        return err(
          unsupported('This Outlook cannot hand over a message’s MIME (it needs Mailbox 1.14).', 14),
        );
      }
      return settle<string, string>(
        (done) => read.getAsFileAsync(done),
        (base64) => base64,
      );
    },
    async onRecipientsChanged(listener) {
      if (mode !== 'compose' || !supportsSet(7)) {
        return false;
      }
      const added = await settle<void, void>(
        (done) => compose().addHandlerAsync(office.EventType.RecipientsChanged, listener, done),
        () => undefined,
      );
      return added.ok;
    },
    storage: pickStorage(),
  };

  function customProperties(): Promise<HostResult<Office.CustomProperties>> {
    return settle<Office.CustomProperties, Office.CustomProperties>(
      (done) => (item as Office.MessageCompose).loadCustomPropertiesAsync(done),
      (props) => props,
    );
  }

  /** Turns one callback call into a promise of a Result; a throwing call becomes a failure too. */
  function settle<V, T>(
    start: (done: (result: Office.AsyncResult<V>) => void) => void,
    map: (value: V) => T,
  ): Promise<HostResult<T>> {
    return new Promise((resolve) => {
      try {
        start((result) => {
          if (result.status === office.AsyncResultStatus.Succeeded) {
            resolve(ok(map(result.value)));
          } else {
            resolve(err(failed(result.error)));
          }
        });
      } catch (error) {
        resolve(err({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }));
      }
    });
  }
}

function toRecipient(details: Office.EmailAddressDetails): Recipient {
  return { emailAddress: details.emailAddress ?? '', displayName: details.displayName ?? '' };
}

function toDetails(recipient: Recipient): Office.EmailAddressDetails {
  return {
    emailAddress: recipient.emailAddress,
    displayName: recipient.displayName,
  } as Office.EmailAddressDetails;
}

function failed(error: Office.Error | undefined): HostError {
  return { kind: 'failed', message: error?.message ?? 'Outlook reported a failure without a message.' };
}

function unsupported(message: string, needsSet: number): HostError {
  return { kind: 'unsupported', message, needsSet };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Classic Outlook's JavaScript-only runtime has no localStorage; OfficeRuntime.storage is the documented store
 * there, and it is shared with the panes of the same add-in. Elsewhere localStorage of the pages' origin.
 */
function pickStorage(): KeyValueStore {
  const runtime = (globalThis as { OfficeRuntime?: { storage?: OfficeRuntimeStorage } }).OfficeRuntime;
  if (runtime?.storage !== undefined) {
    const storage = runtime.storage;
    return {
      get: async (key) => (await storage.getItem(key)) ?? null,
      set: (key, value) => storage.setItem(key, value),
      remove: (key) => storage.removeItem(key),
    };
  }
  const local = (globalThis as { localStorage?: WebStorage }).localStorage;
  if (local === undefined) {
    const memory = new Map<string, string>();
    return {
      get: async (key) => memory.get(key) ?? null,
      set: async (key, value) => void memory.set(key, value),
      remove: async (key) => void memory.delete(key),
    };
  }
  return {
    get: async (key) => local.getItem(key),
    set: async (key, value) => local.setItem(key, value),
    remove: async (key) => local.removeItem(key),
  };
}

/** The part of the Web Storage API used here (localStorage). */
type WebStorage = {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
};

type OfficeRuntimeStorage = {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
};
