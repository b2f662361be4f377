import { useTranslation } from 'react-i18next';
import type { ResultEntry } from '#shared/api/companion-schemas.js';
import { reasonSummary } from '../format/reason-summary.js';

/** The reason column in words. */
export function ReasonText({ entry }: { readonly entry: ResultEntry }) {
  const { t } = useTranslation();
  const summary = reasonSummary(entry);
  const reasonKey = summary.values.reasonKey;
  const values = typeof reasonKey === 'string' ? { ...summary.values, reason: t(reasonKey) } : summary.values;
  return <>{t(summary.key, values)}</>;
}
