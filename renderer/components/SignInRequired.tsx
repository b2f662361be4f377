import { Body1, makeStyles, Subtitle1, tokens } from '@fluentui/react-components';
import { LockClosed24Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';

const useStyles = makeStyles({
  box: {
    maxWidth: '560px',
    margin: '64px auto',
    padding: '0 16px',
    display: 'flex',
    flexDirection: 'column',
    rowGap: '12px',
  },
  command: {
    fontFamily: tokens.fontFamilyMonospace,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: '4px 8px',
  },
});

/** The window has no session: the way in is the link the companion printed, which signs this browser in once. */
export function SignInRequired() {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <main className={styles.box} data-view="signin">
      <LockClosed24Regular aria-hidden />
      <Subtitle1 as="h1">{t('signin.title')}</Subtitle1>
      <Body1>{t('signin.body')}</Body1>
      <code className={styles.command}>crm-mail-logger open</code>
    </main>
  );
}
