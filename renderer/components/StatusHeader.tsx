import { Badge, makeStyles, Text, Title3, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { CompanionStatus } from '#shared/api/companion-schemas.js';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    columnGap: '12px',
    flexWrap: 'wrap',
    padding: '8px 12px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  title: { marginRight: 'auto' },
});

/** The companion at a glance: sample account, mailbox and backend state, the outbox, unread failures. */
export function StatusHeader({ status }: { readonly status: CompanionStatus | null }) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <header className={styles.header}>
      <Title3 as="h1" className={styles.title}>
        {t('app.title')}
      </Title3>
      {status?.sample && (
        <Badge color="important" appearance="filled" data-part="sample">
          {t('app.sample')}
        </Badge>
      )}
      {status && (
        <>
          <Text size={200}>{t('app.mailbox', { state: t(`connection.${status.mailbox.state}`) })}</Text>
          <Text size={200}>
            {t('app.backend', {
              kind: t(`backend.${status.backend.kind}`),
              state: t(`backendState.${status.backend.state}`),
            })}
          </Text>
          <Text size={200}>{t('app.outbox', status.outbox)}</Text>
          {status.unreadFailures > 0 && (
            <Badge color="danger" appearance="filled">
              {t('app.unreadFailures', { count: status.unreadFailures })}
            </Badge>
          )}
        </>
      )}
    </header>
  );
}
