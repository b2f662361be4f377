import { Badge } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ResultEntry } from '#shared/api/companion-schemas.js';

const colors = { local: 'informative', pending: 'warning', synced: 'success', failed: 'danger' } as const;

/** Where the result stands with the CRM backend. */
export function SyncBadge({ sync }: { readonly sync: ResultEntry['sync'] }) {
  const { t } = useTranslation();
  return (
    <Badge appearance="tint" color={colors[sync]} size="small">
      {t(`sync.${sync}`)}
    </Badge>
  );
}
