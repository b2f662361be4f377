import { Body1, Button, makeStyles, Subtitle1, tokens } from '@fluentui/react-components';
import { MailInbox24Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCompanion } from '../hooks/use-companion.js';

const useStyles = makeStyles({
  address: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase400 },
  box: {
    maxWidth: '560px',
    margin: '48px auto',
    padding: '0 16px',
    display: 'flex',
    flexDirection: 'column',
    rowGap: '12px',
  },
});

/**
 * No results: with a filter, say so; without one, explain the two logging addresses (from the account's
 * settings) and point to the setup.
 */
export function EmptyState({
  filtered,
  onOpenSetup,
}: {
  readonly filtered: boolean;
  readonly onOpenSetup: () => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { connection, report } = useCompanion();
  const [addresses, setAddresses] = useState<{ bcc: string; forwarding: string } | null>(null);
  useEffect(() => {
    if (filtered) {
      return;
    }
    let cancelled = false;
    void connection.api.getSettings({}).then((reply) => {
      if (!cancelled && report(reply).ok && reply.ok) {
        setAddresses({
          bcc: reply.value.account.bccAddress,
          forwarding: reply.value.account.forwardingAddress,
        });
      }
    });
    return () => {
      cancelled = true;
    };
  }, [connection, report, filtered]);

  if (filtered) {
    return (
      <div className={styles.box} role="status">
        <Subtitle1 as="h2">{t('empty.filteredTitle')}</Subtitle1>
        <Body1>{t('empty.filteredBody')}</Body1>
      </div>
    );
  }
  return (
    <div className={styles.box} role="status" data-view="empty">
      <MailInbox24Regular aria-hidden />
      <Subtitle1 as="h2">{t('empty.title')}</Subtitle1>
      <Body1>{t('empty.bcc')}</Body1>
      {addresses && <code className={styles.address}>{addresses.bcc}</code>}
      <Body1>{t('empty.forwarding')}</Body1>
      {addresses && <code className={styles.address}>{addresses.forwarding}</code>}
      <div>
        <Button appearance="primary" onClick={onOpenSetup}>
          {t('empty.openSetup')}
        </Button>
      </div>
    </div>
  );
}
