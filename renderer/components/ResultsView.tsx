import { makeStyles, SearchBox, Select, tokens, Field } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanionStatus, ResultEntry } from '#shared/api/companion-schemas.js';
import type { ResultFilter } from '../format/matches-filter.js';
import { useCompanion } from '../hooks/use-companion.js';
import { useResults } from '../hooks/use-results.js';
import { EmptyState } from './EmptyState.js';
import { ErrorText } from './ErrorText.js';
import { ListSkeleton } from './ListSkeleton.js';
import { ResultDetailPanel } from './ResultDetailPanel.js';
import { ResultList } from './ResultList.js';

const useStyles = makeStyles({
  view: { display: 'grid', gridTemplateRows: 'auto 1fr', height: '100%', minHeight: 0 },
  toolbar: { display: 'flex', columnGap: '12px', alignItems: 'end', padding: '8px 12px', flexWrap: 'wrap' },
  body: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', minHeight: 0 },
  split: { gridTemplateColumns: 'minmax(0, 1fr) minmax(320px, 40%)' },
  detail: { borderLeft: `1px solid ${tokens.colorNeutralStroke2}`, minHeight: 0 },
  list: { minHeight: 0 },
});

const filterChoices = ['all', 'logged', 'skipped', 'rejected', 'duplicate', 'sync-failed'] as const;
type FilterChoice = (typeof filterChoices)[number];
const searchDelayMs = 300;

function toFilter(choice: FilterChoice, q: string): ResultFilter {
  const words = q.trim() === '' ? {} : { q: q.trim() };
  if (choice === 'all') {
    return words;
  }
  return choice === 'sync-failed' ? { ...words, sync: 'failed' } : { ...words, status: choice };
}

/** The live list with its filters and the detail of the selected result. */
export function ResultsView({
  status,
  onOpenSetup,
}: {
  readonly status: CompanionStatus | null;
  readonly onOpenSetup: () => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { connection, report, announce } = useCompanion();
  const [choice, setChoice] = useState<FilterChoice>('all');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<number | null>(null);
  const lastRow = useRef<HTMLElement | null>(null);

  // The companion searches; the window waits for a pause in typing before asking.
  useEffect(() => {
    const timer = window.setTimeout(() => setQ(typed), searchDelayMs);
    return () => window.clearTimeout(timer);
  }, [typed]);
  const filter = useMemo(() => toFilter(choice, q), [choice, q]);
  const onNew = useCallback(
    (entry: ResultEntry) => {
      announce(
        t('list.announceNew', {
          subject: entry.email?.subject || t('row.noSubject'),
          status: t(`status.${entry.status}`),
        }),
      );
    },
    [announce, t],
  );
  const results = useResults(filter, onNew);

  // Looking at the list is seeing its failures: the tray badge clears.
  const unread = status?.unreadFailures ?? 0;
  useEffect(() => {
    if (unread > 0 && document.visibilityState === 'visible') {
      void connection.api.markFailuresSeen({}).then(report);
    }
  }, [connection, report, unread]);

  const open = (entry: ResultEntry): void => {
    lastRow.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setSelected(entry.id);
  };
  const close = (): void => {
    setSelected(null);
    lastRow.current?.focus();
  };
  const filtered = choice !== 'all' || q !== '';
  const showEmpty = !results.loading && results.items.length === 0;

  return (
    <div className={styles.view}>
      <div className={styles.toolbar} role="search">
        <Field label={t('list.filter')}>
          <Select value={choice} onChange={(_, data) => setChoice(data.value as FilterChoice)}>
            {filterChoices.map((c) => (
              <option key={c} value={c}>
                {t(`filter.${c}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('list.search')}>
          <SearchBox
            value={typed}
            placeholder={t('list.searchPlaceholder')}
            onChange={(_, data) => setTyped(data.value)}
          />
        </Field>
      </div>
      <div className={`${styles.body} ${selected !== null ? styles.split : ''}`}>
        <div className={styles.list}>
          {results.error && results.items.length === 0 && results.error.code !== 'UNAVAILABLE' && (
            <ErrorText error={results.error} />
          )}
          {results.loading && results.items.length === 0 ? (
            <ListSkeleton />
          ) : showEmpty ? (
            <EmptyState filtered={filtered} onOpenSetup={onOpenSetup} />
          ) : (
            <ResultList
              items={results.items}
              selectedId={selected}
              onOpen={open}
              onNearEnd={results.loadMore}
              total={results.complete ? results.items.length : null}
            />
          )}
        </div>
        {selected !== null && (
          <div className={styles.detail}>
            <ResultDetailPanel
              key={selected}
              id={selected}
              onClose={close}
              onForgotten={(id) => {
                results.remove(id);
                setSelected(null);
              }}
            />
          </div>
        )}
      </div>
    </div>
  );
}
