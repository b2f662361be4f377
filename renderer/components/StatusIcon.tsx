import { tokens } from '@fluentui/react-components';
import {
  CheckmarkCircle20Filled,
  CopySelect20Regular,
  DismissCircle20Filled,
  SubtractCircle20Regular,
} from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ResultEntry } from '#shared/api/companion-schemas.js';
import { assertNever } from '#shared/util/assert-never.js';

/** The status as an icon with its word as the accessible name (colour is never the only signal). */
export function StatusIcon({ status }: { readonly status: ResultEntry['status'] }) {
  const { t } = useTranslation();
  const label = t(`status.${status}`);
  switch (status) {
    case 'logged':
      return (
        <CheckmarkCircle20Filled
          role="img"
          aria-label={label}
          primaryFill={tokens.colorPaletteGreenForeground1}
        />
      );
    case 'skipped':
      return (
        <SubtractCircle20Regular role="img" aria-label={label} primaryFill={tokens.colorNeutralForeground3} />
      );
    case 'rejected':
      return (
        <DismissCircle20Filled
          role="img"
          aria-label={label}
          primaryFill={tokens.colorPaletteRedForeground1}
        />
      );
    case 'duplicate':
      return (
        <CopySelect20Regular role="img" aria-label={label} primaryFill={tokens.colorNeutralForeground3} />
      );
    default:
      return assertNever(status);
  }
}
