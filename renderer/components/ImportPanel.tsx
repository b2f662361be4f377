import { Button, Field, Input, makeStyles, ProgressBar, Subtitle1, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '#shared/api/api-error.js';
import type { MethodOutput } from '#shared/api/companion-api.js';
import { useCompanion } from '../hooks/use-companion.js';
import { ErrorText } from './ErrorText.js';

type Job = MethodOutput<'startImport'>;

const useStyles = makeStyles({
  box: { maxWidth: '640px', padding: '16px', display: 'flex', flexDirection: 'column', rowGap: '12px' },
  add: { display: 'flex', columnGap: '8px', alignItems: 'end' },
});

/** Import a folder or mbox file the companion can read; its progress comes as `import` events. */
export function ImportPanel() {
  const { t } = useTranslation();
  const styles = useStyles();
  const { connection, report, announce } = useCompanion();
  const [path, setPath] = useState('');
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const jobId = job?.id ?? null;
  useEffect(() => {
    if (jobId === null) {
      return undefined;
    }
    return connection.onEvent((event) => {
      if (event.type === 'import' && event.job.id === jobId) {
        setJob(event.job);
        if (event.job.state !== 'running') {
          announce(t(event.job.state === 'done' ? 'import.done' : 'import.failed'));
        }
      }
    });
  }, [connection, jobId, announce, t]);
  const start = async (): Promise<void> => {
    const reply = report(await connection.api.startImport({ path: path.trim() }));
    if (reply.ok) {
      setError(null);
      setJob(reply.value);
    } else {
      setError(reply.error);
    }
  };
  const value = job && job.total ? job.done / job.total : undefined;
  return (
    <div className={styles.box}>
      <Subtitle1 as="h2">{t('import.title')}</Subtitle1>
      <Text>{t('import.explain')}</Text>
      <form
        className={styles.add}
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <Field label={t('import.path')}>
          <Input name="path" value={path} onChange={(_, d) => setPath(d.value)} />
        </Field>
        <Button appearance="primary" type="submit" disabled={path.trim() === '' || job?.state === 'running'}>
          {t('import.start')}
        </Button>
      </form>
      {error && <ErrorText error={error} />}
      {job && (
        <Field
          label={t('import.progress', { done: job.done, total: job.total ?? '?' })}
          validationState={job.state === 'failed' ? 'error' : job.state === 'done' ? 'success' : 'none'}
          validationMessage={
            job.state === 'running'
              ? undefined
              : job.state === 'failed'
                ? (job.error ?? t('import.failed'))
                : t('import.counts', job.counts)
          }
        >
          <ProgressBar value={job.state === 'done' ? 1 : value} max={1} />
        </Field>
      )}
    </div>
  );
}
