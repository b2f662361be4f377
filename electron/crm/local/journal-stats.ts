import type Database from 'better-sqlite3';
import type { LogStatus } from '#shared/model/log-result.js';

export type DayCounts = { readonly date: string } & Readonly<Record<LogStatus, number>>;

/** What the window's chart and the tray badge count (docs/api.md `GET stats/daily`, `GET status`). */
export type JournalStats = {
  /** Results per local calendar day since `sinceDate` (`YYYY-MM-DD`, local time), days without any left out. */
  dailyCounts(sinceDate: string): ReadonlyArray<DayCounts>;
  /** Rejected results and failed syncs with a journal id above `afterId`: failures the user has not seen. */
  failuresAfter(afterId: number): number;
  /** The newest journal id, 0 for an empty journal. */
  latestResultId(): number;
};

export function createJournalStats(db: Database.Database): JournalStats {
  const statements = {
    daily: db.prepare<[string], { day: string; status: LogStatus; n: number }>(
      `SELECT date(created_at, 'localtime') AS day, status, count(*) AS n FROM log_results
       WHERE date(created_at, 'localtime') >= ? GROUP BY day, status ORDER BY day`,
    ),
    failures: db.prepare<[number], { n: number }>(
      `SELECT count(*) AS n FROM log_results r LEFT JOIN outbox o ON o.log_result_id = r.id
       WHERE r.id > ? AND (r.status = 'rejected' OR o.state = 'failed')`,
    ),
    latest: db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM log_results'),
  };
  return {
    dailyCounts(sinceDate) {
      const days = new Map<string, Record<LogStatus, number>>();
      for (const row of statements.daily.all(sinceDate)) {
        const day = days.get(row.day) ?? { logged: 0, skipped: 0, rejected: 0, duplicate: 0 };
        day[row.status] = row.n;
        days.set(row.day, day);
      }
      return [...days].map(([date, counts]) => ({ date, ...counts }));
    },
    failuresAfter: (afterId) => statements.failures.get(afterId)?.n ?? 0,
    latestResultId: () => statements.latest.get()?.id ?? 0,
  };
}
