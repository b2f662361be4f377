import { makeStyles, Spinner, Subtitle1, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ApiError } from '#shared/api/api-error.js';
import type { MethodOutput } from '#shared/api/companion-api.js';
import { useCompanion } from '../hooks/use-companion.js';
import { ErrorText } from './ErrorText.js';

type Day = MethodOutput<'getDailyStats'>['days'][number];

const useStyles = makeStyles({
  box: { padding: '16px', display: 'flex', flexDirection: 'column', rowGap: '12px' },
  chart: { height: '280px', maxWidth: '800px' },
  table: { borderCollapse: 'collapse', '& th, & td': { padding: '2px 12px', textAlign: 'right' } },
});

const series = [
  { key: 'logged', color: tokens.colorPaletteGreenBackground3 },
  { key: 'skipped', color: tokens.colorNeutralStroke1 },
  { key: 'rejected', color: tokens.colorPaletteRedBackground3 },
] as const;

/**
 * The last 14 days, logged / skipped / rejected per day. The drawing is hidden from screen readers; the table
 * under it says the same in words and numbers.
 */
export function ActivityChart() {
  const { t } = useTranslation();
  const styles = useStyles();
  const { connection, report, reloadToken } = useCompanion();
  const [days, setDays] = useState<ReadonlyArray<Day> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    void connection.api.getDailyStats({ days: 14 }).then((reply) => {
      if (report(reply).ok && reply.ok) {
        setDays(reply.value.days);
      } else if (!reply.ok) {
        setError(reply.error);
      }
    });
  }, [connection, report, reloadToken]);
  if (days === null) {
    return error ? <ErrorText error={error} /> : <Spinner label={t('chart.loading')} />;
  }
  const rows = days.map((d) => ({ ...d, label: d.date.slice(5) }));
  return (
    <div className={styles.box} data-view="chart">
      <Subtitle1 as="h2" id="chart-heading">
        {t('chart.title')}
      </Subtitle1>
      <div className={styles.chart} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          {/* The table below is the accessible form: the drawing takes no focus (recharts 3 makes it focusable). */}
          <BarChart data={rows} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={t(`status.${s.key}`)} stackId="day" fill={s.color} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className={styles.table} aria-labelledby="chart-heading">
        <caption>{t('chart.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('chart.day')}</th>
            {series.map((s) => (
              <th scope="col" key={s.key}>
                {t(`status.${s.key}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.date}>
              <th scope="row">{d.date}</th>
              <td>{d.logged}</td>
              <td>{d.skipped}</td>
              <td>{d.rejected}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
