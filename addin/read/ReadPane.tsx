import { Button, MessageBar, MessageBarBody, Spinner, Text, Title3 } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { MethodOutput } from '#shared/api/companion-api.js';
import type { CompanionLink } from '../core/companion-link.js';
import type { Translate } from '../i18n/create-translator.js';
import type { OutlookHost } from '../office/outlook-host.js';
import { PairingPanel } from '../panes/PairingPanel.js';
import { usePaneSession } from '../panes/use-pane-session.js';

type Flag =
  | { readonly kind: 'checking' }
  | { readonly kind: 'value'; readonly value: MethodOutput<'checkForward'> }
  | { readonly kind: 'error'; readonly message: string };

type LogNow =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'done'; readonly result: MethodOutput<'logNow'> }
  | { readonly kind: 'error'; readonly message: string };

/** A4–A5: the read pane (docs/addin.md#read). */
export function ReadPane(props: { readonly host: OutlookHost; readonly t: Translate }) {
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
  return <ReadFlag host={host} t={t} link={session.link} forwardingAddress={session.me.forwardingAddress} />;
}

function ReadFlag(props: {
  readonly host: OutlookHost;
  readonly t: Translate;
  readonly link: CompanionLink;
  readonly forwardingAddress: string;
}) {
  const { host, t, link, forwardingAddress } = props;
  const [flag, setFlag] = useState<Flag>({ kind: 'checking' });
  const [logNow, setLogNow] = useState<LogNow>({ kind: 'idle' });
  const canSendMime = host.supportsSet(14);

  useEffect(() => {
    void (async () => setFlag(await checkForward(host, link)))();
  }, [host, link]);

  const runLogNow = async () => {
    setLogNow({ kind: 'busy' });
    const mime = await host.getAsFile();
    if (!mime.ok) {
      setLogNow({ kind: 'error', message: t('read.noMime', { address: forwardingAddress }) });
      return;
    }
    const reply = await link.api.logNow({ mime: mime.value });
    setLogNow(
      reply.ok
        ? { kind: 'done', result: reply.value }
        : { kind: 'error', message: t('read.failed', { detail: reply.error.message }) },
    );
    setFlag(await checkForward(host, link));
  };

  return (
    <main aria-labelledby="read-title">
      <Title3 as="h1" id="read-title">
        {t('read.title')}
      </Title3>
      <div role="status" aria-live="polite" data-testid="forward-flag">
        {flag.kind === 'checking' ? (
          <Spinner size="tiny" label={t('read.checking')} />
        ) : (
          <Text>{describeFlag(t, flag)}</Text>
        )}
      </div>
      {canSendMime ? (
        <Button
          appearance="primary"
          disabled={logNow.kind === 'busy' || (flag.kind === 'value' && flag.value.alreadyLogged !== null)}
          onClick={() => void runLogNow()}
        >
          {logNow.kind === 'busy' ? t('read.logging') : t('read.logNow')}
        </Button>
      ) : (
        <MessageBar intent="info">
          <MessageBarBody>{t('read.noMime', { address: forwardingAddress })}</MessageBarBody>
        </MessageBar>
      )}
      <div role="status" aria-live="polite" data-testid="log-now-result">
        {logNow.kind === 'done' ? <Text>{describeResult(t, logNow.result)}</Text> : null}
        {logNow.kind === 'error' ? <Text>{logNow.message}</Text> : null}
      </div>
    </main>
  );
}

/** With Mailbox 1.14 the companion reads the message's own MIME; before it, the headers Outlook shows. */
async function checkForward(host: OutlookHost, link: CompanionLink): Promise<Flag> {
  const item = host.readItem();
  if (item === null) {
    return { kind: 'error', message: 'No message is open.' };
  }
  const mime = host.supportsSet(14) ? await host.getAsFile() : null;
  const reply = await link.api.checkForward(
    mime !== null && mime.ok
      ? { mime: mime.value }
      : {
          headers: {
            from: item.from?.emailAddress ?? '',
            subject: item.subject,
            messageId: item.internetMessageId,
            date: item.dateTimeCreated,
          },
        },
  );
  return reply.ok ? { kind: 'value', value: reply.value } : { kind: 'error', message: reply.error.message };
}

function describeFlag(t: Translate, flag: Flag): string {
  if (flag.kind !== 'value') {
    return flag.kind === 'error' ? t('read.failed', { detail: flag.message }) : '';
  }
  const { value } = flag;
  if (value.alreadyLogged !== null) {
    return t('read.alreadyLogged', { when: new Date(value.alreadyLogged.at).toLocaleString() });
  }
  if (!value.loggable) {
    return t('read.notLoggable', { reason: value.reasons.map((r) => t(`reasons.${r}`)).join('; ') });
  }
  if (value.wouldLog?.source === 'quoted-history') {
    return t('read.loggableQuoted', { from: value.wouldLog.from, date: value.wouldLog.date ?? '' });
  }
  return t('read.loggable');
}

function describeResult(t: Translate, result: MethodOutput<'logNow'>): string {
  const reason = result.reasons.map((r) => t(`reasons.${r}`)).join('; ');
  return t(`read.result.${result.status}`, {
    subject: result.email?.subject ?? '',
    from: result.email?.from ?? '',
    reason,
  });
}
