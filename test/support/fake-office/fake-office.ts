/**
 * A typed fake of the part of Office.js the add-in uses, following the documented contract: every callback is
 * called later, never synchronously, with an AsyncResult of status `succeeded` or `failed`; methods of a newer
 * requirement set are absent on an older host; add calls take at most 100 recipients. Knobs reproduce the
 * failures users meet in real Outlook (docs/addin.md#what-only-real-outlook-can-confirm): an add that reports
 * success and does nothing, a change of only the part after `+` that setAsync ignores, a call that fails.
 * It runs in Node (unit tests) and, bundled, in Chromium (the pages' tests).
 */

export type FakeRecipient = { emailAddress: string; displayName: string };
export type FakeField = 'to' | 'cc' | 'bcc';
export type Completion = { allowEvent?: boolean; errorMessage?: string } | undefined;

export type FakeOfficeConfig = {
  mode: 'compose' | 'read';
  /** The highest Mailbox 1.x this host implements (14 = getAsFileAsync exists). */
  supportedMinor: number;
  displayLanguage: string;
  user: FakeRecipient;
  recipients?: Partial<Record<FakeField, FakeRecipient[]>>;
  subject?: string;
  /** Read mode: the open message. */
  read?: {
    from: FakeRecipient;
    to: FakeRecipient[];
    cc: FakeRecipient[];
    subject: string;
    internetMessageId: string;
    dateTimeCreated: string;
    /** Its MIME, base64. */
    mime: string;
  };
  knobs?: {
    /** This many Bcc addAsync calls report success and change nothing (office-js #4296). */
    silentBccAdds?: number;
    /** setAsync ignores replacing `a+x@d` with `a+y@d` (office-js #6015). */
    ignorePlusAddressChange?: boolean;
    /** Method names ("bcc.addAsync", "getAsFileAsync"…) whose next call fails, with how many times. */
    failures?: Record<string, number>;
  };
};

export type FakeNotification = { key: string; type: string; message: string };

export type FakeOffice = {
  readonly office: unknown;
  readonly recipients: Record<FakeField, FakeRecipient[]>;
  readonly notifications: FakeNotification[];
  readonly session: Map<string, string>;
  readonly calls: string[];
  /** Runs a launch event's associated function; resolves with what it passed to `event.completed`. */
  fire(name: string): Promise<{ completion: Completion; times: number }>;
  /** Changes a recipient line as the user would, firing RecipientsChanged. */
  setLine(field: FakeField, list: FakeRecipient[]): void;
};

export function createFakeOffice(config: FakeOfficeConfig): FakeOffice {
  const knobs = config.knobs ?? {};
  let silentBccAdds = knobs.silentBccAdds ?? 0;
  const failures = new Map(Object.entries(knobs.failures ?? {}));
  const recipients: Record<FakeField, FakeRecipient[]> = {
    to: [...(config.recipients?.to ?? [])],
    cc: [...(config.recipients?.cc ?? [])],
    bcc: [...(config.recipients?.bcc ?? [])],
  };
  const notifications: FakeNotification[] = [];
  const session = new Map<string, string>();
  const custom = new Map<string, unknown>();
  const calls: string[] = [];
  const associations = new Map<string, (event: unknown) => void>();
  const recipientHandlers: Array<() => void> = [];
  const has = (minor: number) => config.supportedMinor >= minor;

  const Succeeded = 'succeeded';
  const Failed = 'failed';
  function later<T>(
    method: string,
    callback: ((result: unknown) => void) | undefined,
    produce: () => T,
  ): void {
    calls.push(method);
    const remaining = failures.get(method) ?? 0;
    setTimeout(() => {
      if (remaining > 0) {
        failures.set(method, remaining - 1);
        callback?.({
          status: Failed,
          error: { name: 'GenericError', message: `${method} failed`, code: 9000 },
        });
        return;
      }
      try {
        callback?.({ status: Succeeded, value: produce() });
      } catch (error) {
        callback?.({
          status: Failed,
          error: { name: 'InvalidParameter', message: String(error), code: 9041 },
        });
      }
    }, 0);
  }
  const changed = () => {
    for (const handler of recipientHandlers) {
      setTimeout(handler, 0);
    }
  };
  const base = (address: string) => address.toLowerCase().replace(/\+[^@]*@/, '@');

  function recipientsOf(field: FakeField) {
    return {
      getAsync(callback: (result: unknown) => void) {
        later(`${field}.getAsync`, callback, () =>
          recipients[field].map((r) => ({ ...r, recipientType: 'other' })),
        );
      },
      addAsync(list: FakeRecipient[], callback?: (result: unknown) => void) {
        later(`${field}.addAsync`, callback, () => {
          if (list.length > 100) {
            throw new Error('at most 100 recipients per call');
          }
          if (field === 'bcc' && silentBccAdds > 0) {
            silentBccAdds -= 1;
            return undefined;
          }
          recipients[field].push(...list.map(normalise));
          changed();
          return undefined;
        });
      },
      setAsync(list: FakeRecipient[], callback?: (result: unknown) => void) {
        later(`${field}.setAsync`, callback, () => {
          let next = list.map(normalise);
          if (knobs.ignorePlusAddressChange === true) {
            // A new address that differs from a current one only after '+' is dropped and the old one stays.
            const current = recipients[field];
            const replaced = current.filter(
              (old) =>
                !next.some((n) => n.emailAddress.toLowerCase() === old.emailAddress.toLowerCase()) &&
                next.some((n) => base(n.emailAddress) === base(old.emailAddress)),
            );
            next = next.filter(
              (n) => !replaced.some((old) => base(old.emailAddress) === base(n.emailAddress)),
            );
            next.push(...replaced);
          }
          recipients[field] = next;
          changed();
          return undefined;
        });
      },
    };
  }

  const composeItem: Record<string, unknown> = {
    to: recipientsOf('to'),
    cc: recipientsOf('cc'),
    bcc: recipientsOf('bcc'),
    subject: {
      getAsync: (cb: (r: unknown) => void) => later('subject.getAsync', cb, () => config.subject ?? ''),
    },
    notificationMessages: notificationsApi(),
    loadCustomPropertiesAsync(cb: (r: unknown) => void) {
      later('loadCustomPropertiesAsync', cb, () => ({
        get: (key: string) => custom.get(key),
        set: (key: string, value: unknown) => void custom.set(key, value),
        saveAsync: (done: (r: unknown) => void) => later('customProperties.saveAsync', done, () => undefined),
      }));
    },
  };
  if (has(7)) {
    composeItem.from = {
      getAsync: (cb: (r: unknown) => void) => later('from.getAsync', cb, () => config.user),
    };
    composeItem.addHandlerAsync = (type: string, handler: () => void, cb?: (r: unknown) => void) => {
      later('addHandlerAsync', cb, () => {
        if (type === 'olkRecipientsChanged') {
          recipientHandlers.push(handler);
        }
        return undefined;
      });
    };
  }
  if (has(11)) {
    composeItem.sessionData = {
      getAsync: (key: string, cb: (r: unknown) => void) =>
        later('sessionData.getAsync', cb, () => {
          if (!session.has(key)) {
            throw new Error(`no session data named ${key}`);
          }
          return session.get(key);
        }),
      setAsync: (key: string, value: string, cb?: (r: unknown) => void) =>
        later('sessionData.setAsync', cb, () => void session.set(key, value)),
    };
  }

  const readItem: Record<string, unknown> | null =
    config.read === undefined
      ? null
      : {
          from: config.read.from,
          to: config.read.to,
          cc: config.read.cc,
          subject: config.read.subject,
          internetMessageId: config.read.internetMessageId,
          dateTimeCreated: new Date(config.read.dateTimeCreated),
          notificationMessages: notificationsApi(),
          ...(has(14)
            ? {
                getAsFileAsync: (cb: (r: unknown) => void) =>
                  later('getAsFileAsync', cb, () => config.read?.mime),
              }
            : {}),
        };

  function notificationsApi() {
    return {
      replaceAsync(key: string, details: { type: string; message: string }, cb?: (r: unknown) => void) {
        later('notificationMessages.replaceAsync', cb, () => {
          if (details.message.length > 150) {
            throw new Error('a notification message is at most 150 characters');
          }
          const at = notifications.findIndex((n) => n.key === key);
          const entry = { key, type: details.type, message: details.message };
          if (at >= 0) {
            notifications[at] = entry;
          } else {
            notifications.push(entry);
          }
          return undefined;
        });
      },
    };
  }

  const office = {
    AsyncResultStatus: { Succeeded, Failed },
    EventType: { RecipientsChanged: 'olkRecipientsChanged' },
    MailboxEnums: {
      ItemNotificationMessageType: {
        ErrorMessage: 'errorMessage',
        InformationalMessage: 'informationalMessage',
        ProgressIndicator: 'progressIndicator',
      },
    },
    context: {
      displayLanguage: config.displayLanguage,
      requirements: {
        isSetSupported: (name: string, version?: string) => {
          const minor = Number((version ?? '1.1').split('.')[1]);
          return name === 'Mailbox' && has(minor);
        },
      },
      mailbox: {
        userProfile: { emailAddress: config.user.emailAddress, displayName: config.user.displayName },
        item: config.mode === 'compose' ? composeItem : readItem,
      },
    },
    actions: {
      associate: (name: string, fn: (event: unknown) => void) => void associations.set(name, fn),
    },
    onReady: (callback?: (info: unknown) => void) => {
      const info = { host: 'Outlook', platform: 'OfficeOnline' };
      setTimeout(() => callback?.(info), 0);
      return Promise.resolve(info);
    },
  };

  return {
    office,
    recipients,
    notifications,
    session,
    calls,
    fire(name) {
      const fn = associations.get(name);
      if (fn === undefined) {
        return Promise.reject(new Error(`no function is associated with ${name}`));
      }
      return new Promise((resolve) => {
        let times = 0;
        let completion: Completion;
        fn({
          completed(options?: Completion) {
            times += 1;
            completion = options;
            // Collects calls for a moment more: a second completion is a bug the tests must see.
            setTimeout(() => resolve({ completion, times }), 50);
          },
        });
      });
    },
    setLine(field, list) {
      recipients[field] = list.map(normalise);
      changed();
    },
  };
}

function normalise(r: FakeRecipient): FakeRecipient {
  return { emailAddress: r.emailAddress, displayName: r.displayName === '' ? r.emailAddress : r.displayName };
}
