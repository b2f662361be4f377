import { Button, MessageBar, MessageBarBody, Spinner, Text, Title3 } from '@fluentui/react-components';
import { useState } from 'react';
import type { CompanionLink, LinkProblem } from '../core/companion-link.js';
import { pairWithCompanion, type PairingProgress } from '../core/pair-with-companion.js';
import type { Translate } from '../i18n/create-translator.js';

/** Unpaired, a pane says how to pair and does nothing else (docs/addin.md#pairing). */
export function PairingPanel(props: {
  readonly t: Translate;
  readonly link: CompanionLink;
  readonly problem: LinkProblem;
  readonly profile: string;
  readonly onPaired: () => void;
}) {
  const { t, link, problem } = props;
  const [progress, setProgress] = useState<PairingProgress | null>(null);
  const start = async () => {
    if (problem === 'revoked') {
      await link.forgetToken();
    }
    const end = await pairWithCompanion(link, props.profile, setProgress, { pollMs: 1000 });
    if (end.kind === 'paired') {
      props.onPaired();
    }
  };
  if (problem === 'unreachable') {
    return (
      <section aria-labelledby="pair-title">
        <Title3 as="h1" id="pair-title">
          {t('pair.title')}
        </Title3>
        <MessageBar intent="warning">
          <MessageBarBody>{t('pair.unreachable', { url: link.url })}</MessageBarBody>
        </MessageBar>
        <Button onClick={props.onPaired}>{t('pair.start')}</Button>
      </section>
    );
  }
  return (
    <section aria-labelledby="pair-title">
      <Title3 as="h1" id="pair-title">
        {t('pair.title')}
      </Title3>
      {problem === 'revoked' ? (
        <MessageBar intent="warning">
          <MessageBarBody>{t('pair.revoked')}</MessageBarBody>
        </MessageBar>
      ) : null}
      <Text as="p">{t('pair.explain')}</Text>
      {progress?.kind === 'waiting' ? (
        <div role="status">
          <Spinner size="tiny" label={t('pair.waiting', { code: progress.code })} />
          <Text as="p" size={600} weight="semibold" data-testid="pair-code">
            {progress.code}
          </Text>
        </div>
      ) : (
        <Button appearance="primary" onClick={() => void start()}>
          {t('pair.start')}
        </Button>
      )}
      {progress?.kind === 'denied' || progress?.kind === 'expired' ? (
        <MessageBar intent="error" role="status">
          <MessageBarBody>{t(`pair.${progress.kind}`)}</MessageBarBody>
        </MessageBar>
      ) : null}
      {progress?.kind === 'failed' ? (
        <MessageBar intent="error" role="status">
          <MessageBarBody>{progress.error.message}</MessageBarBody>
        </MessageBar>
      ) : null}
    </section>
  );
}
