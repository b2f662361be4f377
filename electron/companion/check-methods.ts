import { createHash } from 'node:crypto';
import { apiFailure } from '#shared/api/api-error.js';
import type { CompanionService, MethodOutput } from '#shared/api/companion-api.js';
import type { Decision } from '#shared/model/decision.js';
import type { MailAddress, ParsedMessage } from '#shared/model/parsed-message.js';
import { withToken } from '#shared/address/with-token.js';
import { parseMime } from '../core/parse-mime.js';
import { companionUser } from './companion-user.js';
import { decodeMimeInput } from './decode-mime-input.js';
import { createDiscardingBlobStore } from './discarding-blob-store.js';
import type { Companion } from './start-companion.js';
import { toResultEntry } from './to-result-entry.js';

type CheckMethods = Pick<CompanionService, 'checkMessage' | 'checkForward' | 'logNow'>;

const noHeaders: ParsedMessage['headers'] = {
  delivery: [],
  autoSubmitted: null,
  precedence: null,
  listId: null,
  returnPath: null,
  authenticationResults: [],
};

function message(fields: Partial<ParsedMessage> & Pick<ParsedMessage, 'from' | 'subject'>): ParsedMessage {
  return {
    messageId: null,
    fromFieldCount: 1,
    sender: null,
    replyTo: [],
    to: [],
    cc: [],
    bcc: [],
    date: null,
    dateOffsetMinutes: null,
    text: null,
    html: null,
    attachments: [],
    attachedMessages: [],
    headers: noHeaders,
    ...fields,
  };
}

const asAddresses = (list: ReadonlyArray<string>): MailAddress[] =>
  list.map((address) => ({ name: '', address }));

const noUser = apiFailure(
  'NOT_FOUND',
  'This companion has no user of its own (a shared mailbox with several users): choose one at setup.',
);

/**
 * The add-in's three questions (A3, A4, A5; docs/api.md). Each runs the pipeline's own facts and `decide()`:
 * check-message and check-forward on a message built from what the pane knows, with nothing written; log-now
 * logs the message for the caller's user, as the journal of any other route.
 */
export function createCheckMethods(companion: Companion): CheckMethods {
  const { store, pipeline } = companion;

  function loggingAddress(
    kind: 'bcc' | 'forward',
    user: { token: string | null; bccAddress?: string; forwardingAddress?: string },
  ): string {
    const settings = store.settings();
    const personal = kind === 'bcc' ? user.bccAddress : user.forwardingAddress;
    const account = kind === 'bcc' ? settings.bccAddress : settings.forwardingAddress;
    return personal ?? (user.token === null ? account : withToken(account, user.token));
  }

  function checkOutput(decision: Decision): MethodOutput<'checkMessage'> {
    const facts = store.fetchFacts({
      addresses: decision.contacts.map((c) => c.email),
      names: [],
      identityKeys: [],
    });
    return {
      status: decision.status,
      reasons: [...decision.reasons],
      owner: decision.owner,
      contacts: decision.contacts.map(({ email, created, role, name }) => ({ email, created, role, name })),
      skippedRecipients: decision.skippedRecipients.map((r) => ({ ...r })),
      companies: decision.companies.map((domain) => ({
        domain,
        name: facts.companies.find((c) => c.domain === domain)?.name ?? domain,
      })),
      deals: decision.deals.map((id) => ({ id, name: facts.deals.find((d) => d.id === id)?.name ?? id })),
    };
  }

  async function forwardOf(original: ParsedMessage): Promise<MethodOutput<'checkForward'> | null> {
    const user = companionUser(companion);
    if (user === null) {
      return null;
    }
    const forwardingAddress = loggingAddress('forward', user);
    // What the forwarding address would receive: the user's forward with the original attached (F9), the form
    // that keeps the original's own headers.
    const forward = message({
      from: [{ name: user.name ?? '', address: user.email }],
      to: [{ name: '', address: forwardingAddress }],
      subject: `Fw: ${original.subject}`,
      date: new Date().toISOString(),
      attachedMessages: [original],
    });
    const decision = await pipeline.preview(forward, { route: 'forward', recipient: forwardingAddress });
    const duplicateOf = decision.status === 'duplicate' ? (decision.duplicateOf ?? null) : null;
    const earlier =
      duplicateOf === null ? undefined : store.pageEntries({ limit: 1, status: 'logged', q: duplicateOf })[0];
    return {
      loggable: decision.status === 'logged',
      reasons: [...decision.reasons],
      wouldLog:
        decision.email === undefined
          ? null
          : {
              from: decision.email.from,
              subject: decision.email.subject,
              date: decision.email.date,
              source: decision.email.source,
              client: decision.forward?.client ?? null,
            },
      alreadyLogged: earlier === undefined ? null : { id: earlier.id, at: earlier.at },
    };
  }

  return {
    async checkMessage(input) {
      const user = companionUser(companion);
      if (user === null && input.from === undefined) {
        return noUser;
      }
      const bcc = user === null ? store.settings().bccAddress : loggingAddress('bcc', user);
      const draft = message({
        from: asAddresses([input.from ?? user?.email ?? '']),
        to: asAddresses(input.to),
        cc: asAddresses(input.cc),
        bcc: asAddresses(input.bcc.length > 0 ? input.bcc : [bcc]),
        subject: input.subject,
        date: new Date().toISOString(),
      });
      const decision = await pipeline.preview(draft, { route: 'bcc', recipient: bcc });
      return { ok: true, value: checkOutput(decision) };
    },
    async checkForward(input) {
      let original: ParsedMessage;
      if ('mime' in input) {
        const bytes = decodeMimeInput(input.mime);
        if (!bytes.ok) {
          return bytes;
        }
        const parsed = await parseMime(bytes.value, { blobs: createDiscardingBlobStore() });
        if (!parsed.ok) {
          return {
            ok: true,
            value: { loggable: false, reasons: [parsed.error.reason], wouldLog: null, alreadyLogged: null },
          };
        }
        original = parsed.value;
      } else {
        const h = input.headers;
        original = message({
          from: asAddresses([h.from]),
          subject: h.subject,
          messageId: h.messageId,
          date: h.date === null || Number.isNaN(Date.parse(h.date)) ? null : new Date(h.date).toISOString(),
          text: '',
        });
      }
      const value = await forwardOf(original);
      return value === null ? noUser : { ok: true, value };
    },
    async logNow({ mime }) {
      const user = companionUser(companion);
      if (user === null) {
        return noUser;
      }
      const bytes = decodeMimeInput(mime);
      if (!bytes.ok) {
        return bytes;
      }
      const result = await pipeline.logMessage({
        raw: bytes.value,
        envelope: { route: 'log-now', userEmail: user.email },
      });
      companion.afterCommit(result);
      const committed = store.resultForRaw(createHash('sha256').update(bytes.value).digest('hex'));
      const entry = committed === null ? null : store.datedEntry(committed.id);
      return entry === null
        ? apiFailure('STORE.ERROR', 'The message was processed but its result is not in the journal.')
        : { ok: true, value: toResultEntry(entry) };
    },
  };
}
