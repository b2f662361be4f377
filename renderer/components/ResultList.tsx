import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultEntry } from '#shared/api/companion-schemas.js';
import { counterpartOf } from '../format/counterpart-of.js';
import { formatTime } from '../format/format-time.js';
import { ReasonText } from './ReasonText.js';
import { StatusIcon } from './StatusIcon.js';
import { SyncBadge } from './SyncBadge.js';

const rowHeight = 60;

const useStyles = makeStyles({
  scroller: { overflowY: 'auto', height: '100%', outline: 'none' },
  row: {
    position: 'absolute',
    left: 0,
    right: 0,
    height: `${rowHeight}px`,
    display: 'grid',
    gridTemplateColumns: '28px minmax(0, 1fr) auto',
    alignItems: 'center',
    columnGap: '8px',
    padding: '0 12px',
    boxSizing: 'border-box',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  lines: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  line: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  meta: { display: 'flex', flexDirection: 'column', alignItems: 'flex-end', rowGap: '4px' },
});

export type ResultListProps = {
  readonly items: ReadonlyArray<ResultEntry>;
  readonly selectedId: number | null;
  readonly onOpen: (entry: ResultEntry) => void;
  readonly onNearEnd: () => void;
  readonly total: number | null;
};

/**
 * The results, newest first, virtualised so that ten thousand rows cost what a screenful does. A listbox with
 * one tab stop: arrows, Home and End move between rows, Enter or Space opens the detail.
 */
export function ResultList({ items, selectedId, onOpen, onNearEnd, total }: ResultListProps) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 8,
  });
  const rows = virtualizer.getVirtualItems();
  const last = rows[rows.length - 1];
  useEffect(() => {
    if (last !== undefined && last.index >= items.length - 50) {
      onNearEnd();
    }
  }, [last, items.length, onNearEnd]);
  const now = new Date();
  const activeIndex = Math.min(active, Math.max(items.length - 1, 0));

  const focusRow = (index: number): void => {
    const target = Math.max(0, Math.min(index, items.length - 1));
    setActive(target);
    virtualizer.scrollToIndex(target);
    // The row exists only once the virtualiser has rendered it.
    requestAnimationFrame(() => {
      scroller.current?.querySelector<HTMLElement>(`[data-index="${target}"]`)?.focus();
    });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? rowHeight) / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
      Home: 0,
      End: items.length - 1,
    };
    const move = moves[event.key];
    if (move !== undefined) {
      event.preventDefault();
      focusRow(move);
      return;
    }
    const entry = items[activeIndex];
    if ((event.key === 'Enter' || event.key === ' ') && entry !== undefined) {
      event.preventDefault();
      onOpen(entry);
    }
  };

  return (
    <div
      ref={scroller}
      className={styles.scroller}
      role="listbox"
      aria-label={t('list.label')}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
        {rows.map((row) => {
          const entry = items[row.index];
          if (entry === undefined) {
            return null;
          }
          const subject = entry.email?.subject || t('row.noSubject');
          const counterpart = counterpartOf(entry) ?? t('row.noCounterpart');
          return (
            <div
              key={entry.id}
              data-index={row.index}
              data-result-id={entry.id}
              role="option"
              aria-selected={entry.id === selectedId}
              aria-setsize={total ?? -1}
              aria-posinset={row.index + 1}
              tabIndex={row.index === activeIndex ? 0 : -1}
              className={mergeClasses(styles.row, entry.id === selectedId && styles.selected)}
              style={{ transform: `translateY(${row.start}px)` }}
              onClick={() => {
                setActive(row.index);
                onOpen(entry);
              }}
            >
              <StatusIcon status={entry.status} />
              <div className={styles.lines}>
                <Text weight="semibold" className={styles.line} data-part="subject">
                  {subject}
                </Text>
                <Text size={200} className={styles.line}>
                  <span data-part="counterpart">{counterpart}</span>
                  {' · '}
                  <span data-part="reason">
                    <ReasonText entry={entry} />
                  </span>
                </Text>
              </div>
              <div className={styles.meta}>
                <Text size={200}>
                  <span data-part="owner">{entry.owner ?? t('row.noOwner')}</span>
                  {' · '}
                  <time dateTime={entry.at}>{formatTime(entry.at, i18n.language, now)}</time>
                </Text>
                <SyncBadge sync={entry.sync} />
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
