import {
  Caption1,
  Divider,
  MessageBar,
  MessageBarBody,
  Spinner,
  Switch,
  Text,
  Title3,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { MethodOutput } from '#shared/api/companion-api.js';
import { readSwitch, switchOff, switchOn, type SwitchOutcome } from '../core/bcc-switch.js';
import type { CompanionLink } from '../core/companion-link.js';
import type { Translate } from '../i18n/create-translator.js';
import type { OutlookHost } from '../office/outlook-host.js';
import { PairingPanel } from '../panes/PairingPanel.js';
import { usePaneSession } from '../panes/use-pane-session.js';
import { PreviewList } from './PreviewList.js';

type Preview =
  | { readonly kind: 'none' }
  | { readonly kind: 'value'; readonly value: MethodOutput<'checkMessage'> }
  | { readonly kind: 'error'; readonly message: string };

const noticeKey = 'crmMailLogger';

/** A1–A3, B9: the compose pane (docs/addin.md#compose). */
export function ComposePane(props: { readonly host: OutlookHost; readonly t: Translate }) {
  const { host, t } = props;
  const { session, reload } = usePaneSession(host);
  if (session.kind === 'loading') {
    return <Spinner label={t('read.checking')} />;
  }
  if (session.kind === 'problem') {
    return (
      <PairingPanel
        t={t}
        link={session.link}
        problem={session.problem}
        profile={host.userEmail}
        onPaired={reload}
      />
    );
  }
  return <ComposeSwitch host={host} t={t} link={session.link} bccAddress={session.me.bccAddress} />;
}

function ComposeSwitch(props: {
  readonly host: OutlookHost;
  readonly t: Translate;
  readonly link: CompanionLink;
  readonly bccAddress: string;
}) {
  const { host, t, link, bccAddress } = props;
  const [state, setState] = useState<SwitchOutcome | null>(null);
  /** The last change that Outlook did not carry out: said until the next change, whatever the line shows. */
  const [failure, setFailure] = useState<SwitchOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<Preview>({ kind: 'none' });

  const refreshPreview = useCallback(async () => {
    const [from, to, cc, bcc, subject] = await Promise.all([
      host.getFrom(),
      host.getRecipients('to'),
      host.getRecipients('cc'),
      host.getRecipients('bcc'),
      host.getSubject(),
    ]);
    const broken = [to, cc, bcc].find((r) => !r.ok);
    if (broken !== undefined && !broken.ok) {
      setPreview({ kind: 'error', message: broken.error.message });
      return;
    }
    if (!to.ok || !cc.ok || !bcc.ok) {
      return;
    }
    setState(
      bcc.value.some((r) => r.emailAddress.toLowerCase() === bccAddress.toLowerCase())
        ? { kind: 'on' }
        : { kind: 'off' },
    );
    if (to.value.length + cc.value.length === 0) {
      setPreview({ kind: 'none' });
      return;
    }
    const reply = await link.api.checkMessage({
      ...(from.ok ? { from: from.value.emailAddress } : {}),
      to: to.value.map((r) => r.emailAddress),
      cc: cc.value.map((r) => r.emailAddress),
      bcc: bcc.value.map((r) => r.emailAddress),
      subject: subject.ok ? subject.value : '',
    });
    setPreview(
      reply.ok ? { kind: 'value', value: reply.value } : { kind: 'error', message: reply.error.message },
    );
  }, [host, link, bccAddress]);

  useEffect(() => {
    void (async () => {
      setState(await readSwitch(host, bccAddress));
      await refreshPreview();
    })();
    let timer: ReturnType<typeof setInterval> | null = null;
    void host
      .onRecipientsChanged(() => void refreshPreview())
      .then((listening) => {
        // Hosts without the event (before 1.7) are polled: the preview must follow the recipients.
        if (!listening) {
          timer = setInterval(() => void refreshPreview(), 3000);
        }
      });
    return () => {
      if (timer !== null) {
        clearInterval(timer);
      }
    };
  }, [host, bccAddress, refreshPreview]);

  const change = async (on: boolean) => {
    setBusy(true);
    const outcome = on ? await switchOn(host, bccAddress) : await switchOff(host, bccAddress);
    setState(outcome);
    setFailure(outcome.kind === 'failed' ? outcome : null);
    setBusy(false);
    await host.showNotification(
      noticeKey,
      describe(t, outcome, bccAddress),
      outcome.kind === 'failed' ? 'error' : 'info',
    );
    await refreshPreview();
  };

  const on = state?.kind === 'on';
  return (
    <main aria-labelledby="compose-title">
      <Title3 as="h1" id="compose-title">
        CRM
      </Title3>
      <Switch
        label={t('compose.switch')}
        checked={on}
        disabled={busy || state === null}
        onChange={(_, data) => void change(data.checked)}
      />
      <div role="status" aria-live="polite" data-testid="switch-state">
        {busy ? (
          <Spinner size="tiny" label={t('compose.working')} />
        ) : state === null ? null : (
          <Text>{describe(t, state, bccAddress)}</Text>
        )}
      </div>
      {failure !== null ? (
        <MessageBar intent="error">
          <MessageBarBody>{describe(t, failure, bccAddress)}</MessageBarBody>
        </MessageBar>
      ) : null}
      <Divider />
      <section aria-labelledby="preview-title" data-testid="preview">
        <Text as="h2" weight="semibold" id="preview-title">
          {t('compose.previewTitle')}
        </Text>
        {preview.kind === 'none' ? <Text as="p">{t('compose.previewNone')}</Text> : null}
        {preview.kind === 'error' ? (
          <Text as="p">{t('compose.previewUnavailable', { detail: preview.message })}</Text>
        ) : null}
        {preview.kind === 'value' ? <PreviewList t={t} preview={preview.value} /> : null}
      </section>
      <Caption1 as="p">{t('compose.noTracking')}</Caption1>
    </main>
  );
}

function describe(t: Translate, outcome: SwitchOutcome, address: string): string {
  if (outcome.kind === 'failed') {
    return t(outcome.wanted === 'on' ? 'compose.failedOn' : 'compose.failedOff', {
      detail: outcome.detail,
      address,
    });
  }
  return t(outcome.kind === 'on' ? 'compose.on' : 'compose.off');
}
