import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '#shared/api/api-error.js';

/** A failed call in the user's words, from its stable code; the companion's English sentence under it. */
export function ErrorText({ error }: { readonly error: ApiError }) {
  const { t } = useTranslation();
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{t(`error.${error.code}`)}</MessageBarTitle>
        {error.message}
      </MessageBarBody>
    </MessageBar>
  );
}
