import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '#shared/api/api-error.js';
import type { ResultEntry } from '#shared/api/companion-schemas.js';
import { mergeEntry } from '../format/merge-entry.js';
import type { ResultFilter } from '../format/matches-filter.js';
import { useCompanion } from './use-companion.js';

const pageSize = 500;

export type ResultsState = {
  readonly items: ReadonlyArray<ResultEntry>;
  readonly loading: boolean;
  readonly error: ApiError | null;
  readonly complete: boolean;
  readonly loadMore: () => void;
  readonly remove: (id: number) => void;
};

/**
 * The live list: the newest page under `filter`, further pages on demand, and every result event merged in
 * without a reload. The last list stays on screen while the companion is unreachable, and is fetched again when
 * the event stream comes back (results may have arrived meanwhile).
 */
export function useResults(filter: ResultFilter, onNew: (entry: ResultEntry) => void): ResultsState {
  const { connection, report, reloadToken } = useCompanion();
  const [items, setItems] = useState<ReadonlyArray<ResultEntry>>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [linkEpoch, setLinkEpoch] = useState(0);
  const state = useRef({ filter, complete: false, loadingMore: false });
  state.current.filter = filter;
  const onNewRef = useRef(onNew);
  onNewRef.current = onNew;

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    void connection.api.listResults({ limit: pageSize, ...filter }).then((reply) => {
      if (cancelled) {
        return;
      }
      report(reply);
      setLoading(false);
      if (!reply.ok) {
        setError(reply.error);
        return;
      }
      setError(null);
      setItems(reply.value.items);
      setNextBefore(reply.value.nextBefore);
      state.current.complete = reply.value.nextBefore === null;
    });
    return () => {
      cancelled = true;
    };
  }, [connection, report, filter, reloadToken, linkEpoch]);

  useEffect(() => {
    let wasDown = false;
    const stopLink = connection.onLink((up) => {
      if (up && wasDown) {
        setLinkEpoch((n) => n + 1);
      }
      wasDown = !up;
    });
    const stopEvents = connection.onEvent((event) => {
      if (event.type !== 'result') {
        return;
      }
      setItems((list) => {
        const isNew = !list.some((item) => item.id === event.entry.id);
        const merged = mergeEntry(list, event.entry, state.current.filter, state.current.complete);
        if (isNew && merged !== list) {
          onNewRef.current(event.entry);
        }
        return merged;
      });
    });
    return () => {
      stopLink();
      stopEvents();
    };
  }, [connection]);

  const loadMore = useCallback(() => {
    if (nextBefore === null || state.current.loadingMore) {
      return;
    }
    state.current.loadingMore = true;
    void connection.api.listResults({ limit: pageSize, before: nextBefore, ...filter }).then((reply) => {
      state.current.loadingMore = false;
      if (!report(reply).ok || !reply.ok) {
        return;
      }
      setItems((list) => {
        const known = new Set(list.map((item) => item.id));
        return [...list, ...reply.value.items.filter((item) => !known.has(item.id))];
      });
      setNextBefore(reply.value.nextBefore);
      state.current.complete = reply.value.nextBefore === null;
    });
  }, [connection, report, filter, nextBefore]);

  const remove = useCallback((id: number) => {
    setItems((list) => list.filter((item) => item.id !== id));
  }, []);

  return { items, loading, error, complete: nextBefore === null, loadMore, remove };
}
