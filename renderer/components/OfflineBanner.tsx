import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

/** The companion stopped answering: what is shown is the last list, and a retry asks again. */
export function OfflineBanner({ onRetry }: { readonly onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <MessageBar intent="warning" role="alert" data-view="offline">
      <MessageBarBody>
        <MessageBarTitle>{t('offline.title')}</MessageBarTitle>
        {t('offline.body')}
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={onRetry}>{t('offline.retry')}</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
