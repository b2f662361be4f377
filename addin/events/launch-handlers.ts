import type { MethodOutput } from '#shared/api/companion-api.js';
import { readSwitch, switchOn, wantedSwitch } from '../core/bcc-switch.js';
import { classifyFailure, type CompanionLink } from '../core/companion-link.js';
import { judgeSend, type SendPreview } from '../core/judge-send.js';
import type { Translate } from '../i18n/create-translator.js';
import type { OutlookHost } from '../office/outlook-host.js';

/** What a launch event hands back to Outlook (`event.completed`). */
export type Completion = { readonly allowEvent: boolean; readonly errorMessage?: string };

export type LaunchDeps = {
  readonly host: OutlookHost;
  readonly openLink: () => Promise<CompanionLink>;
  readonly t: Translate;
};

type Me = MethodOutput<'getMe'>;
const meKey = 'crm-mail-logger.me';
const noticeKey = 'crmMailLogger';

/**
 * A2 and the launch events of docs/addin.md. Each handler resolves to exactly one completion on every path,
 * errors included, so the caller can always call `event.completed` once; the companion's calls carry a short
 * time limit, and an unreachable companion is said in words.
 */
export function createLaunchHandlers(deps: LaunchDeps) {
  const { host, t } = deps;

  /** The user's addresses and default: fresh from the companion, else the last ones it gave. */
  async function loadMe(link: CompanionLink): Promise<{ me: Me | null; problem: string | null }> {
    const reply = await link.api.getMe({});
    if (reply.ok) {
      await host.storage.set(meKey, JSON.stringify(reply.value));
      return { me: reply.value, problem: null };
    }
    const cached = await host.storage.get(meKey);
    const problem = classifyFailure(reply.error, link.paired);
    const me = cached === null || problem === 'revoked' ? null : (JSON.parse(cached) as Me);
    return { me, problem: problem === 'unreachable' ? t('events.unreachable') : t('events.unpaired') };
  }

  async function preview(link: CompanionLink, me: Me): Promise<SendPreview> {
    const [from, to, cc, bcc, subject] = await Promise.all([
      host.getFrom(),
      host.getRecipients('to'),
      host.getRecipients('cc'),
      host.getRecipients('bcc'),
      host.getSubject(),
    ]);
    if (!to.ok || !cc.ok || !bcc.ok) {
      return { kind: 'unavailable' };
    }
    const reply = await link.api.checkMessage({
      from: from.ok ? from.value.emailAddress : me.email,
      to: to.value.map((r) => r.emailAddress),
      cc: cc.value.map((r) => r.emailAddress),
      bcc: bcc.value.map((r) => r.emailAddress),
      subject: subject.ok ? subject.value : '',
    });
    return reply.ok ? { kind: 'preview', value: reply.value } : { kind: 'unavailable' };
  }

  return {
    /** OnNewMessageCompose: applies the user's "log every new message" default. */
    async onNewMessageCompose(): Promise<Completion> {
      return guarded(async () => {
        const { me, problem } = await loadMe(await deps.openLink());
        if (me === null) {
          await host.showNotification(noticeKey, problem ?? t('events.unpaired'), 'info');
          return { allowEvent: true };
        }
        if (!me.defaultLogOn) {
          return { allowEvent: true };
        }
        const outcome = await switchOn(host, me.bccAddress);
        await host.showNotification(
          noticeKey,
          outcome.kind === 'on'
            ? t('events.defaultOn')
            : t('compose.failedOn', {
                detail: outcome.kind === 'failed' ? outcome.detail : '',
                address: me.bccAddress,
              }),
          outcome.kind === 'on' ? 'info' : 'error',
        );
        return { allowEvent: true };
      });
    },

    /** OnMessageRecipientsChanged: refreshes the notification bar's state (switch and what would be logged). */
    async onMessageRecipientsChanged(): Promise<Completion> {
      return guarded(async () => {
        const link = await deps.openLink();
        const { me, problem } = await loadMe(link);
        if (me === null) {
          await host.showNotification(noticeKey, problem ?? t('events.unpaired'), 'info');
          return { allowEvent: true };
        }
        const state = await readSwitch(host, me.bccAddress);
        if (state.kind !== 'on') {
          await host.showNotification(noticeKey, t('compose.off'), 'info');
          return { allowEvent: true };
        }
        const seen = await preview(link, me);
        const message =
          seen.kind === 'unavailable'
            ? t('events.unreachable')
            : seen.value.status === 'logged'
              ? t('compose.on')
              : t('compose.previewNotLogged', { reason: reasonWords(t, seen.value.reasons[0]) });
        await host.showNotification(noticeKey, message, 'info');
        return { allowEvent: true };
      });
    },

    /** OnMessageSend (PromptUser): the check of A2. */
    async onMessageSend(): Promise<Completion> {
      return guarded(async () => {
        const link = await deps.openLink();
        const { me, problem } = await loadMe(link);
        if (me === null) {
          // Nothing is known of this user's address: nothing to compare, never hold the message back.
          await host.showNotification(noticeKey, problem ?? t('events.unpaired'), 'info');
          return { allowEvent: true };
        }
        const state = await readSwitch(host, me.bccAddress);
        const bccPresent = state.kind === 'on';
        const verdict = judgeSend({
          wanted: await wantedSwitch(host),
          defaultOn: me.defaultLogOn,
          bccPresent,
          preview: bccPresent && problem === null ? await preview(link, me) : null,
        });
        if (verdict.allow) {
          if (verdict.note === 'unchecked' || problem !== null) {
            await host.showNotification(noticeKey, problem ?? t('events.unreachable'), 'info');
          }
          return { allowEvent: true };
        }
        const errorMessage =
          verdict.why === 'on-but-missing'
            ? t('events.sendOnMissing', { address: me.bccAddress })
            : verdict.why === 'off-but-present'
              ? t('events.sendOffPresent', { address: me.bccAddress })
              : t('events.sendNothing', { reason: reasonWords(t, verdict.reason) });
        return { allowEvent: false, errorMessage };
      });
    },
  };
}

function reasonWords(t: Translate, reason: string | undefined): string {
  return reason === undefined ? '' : t(`reasons.${reason}`);
}

/** A handler that throws still completes: the event is allowed (never blocked by our own fault). */
async function guarded(run: () => Promise<Completion>): Promise<Completion> {
  try {
    return await run();
  } catch {
    return { allowEvent: true };
  }
}
