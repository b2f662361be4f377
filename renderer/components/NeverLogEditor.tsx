import {
  Button,
  Field,
  Input,
  makeStyles,
  Select,
  Spinner,
  Subtitle1,
  Subtitle2,
  Text,
} from '@fluentui/react-components';
import { Delete20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, ApiReply } from '#shared/api/api-error.js';
import type { MethodOutput } from '#shared/api/companion-api.js';
import { parseNeverLogEntry } from '#shared/address/is-never-log.js';
import { useCompanion } from '../hooks/use-companion.js';
import { ErrorText } from './ErrorText.js';

type Lists = MethodOutput<'getNeverLog'>;

const useStyles = makeStyles({
  box: { maxWidth: '640px', padding: '16px', display: 'flex', flexDirection: 'column', rowGap: '12px' },
  add: { display: 'flex', columnGap: '8px', alignItems: 'end', flexWrap: 'wrap' },
  list: { listStyle: 'none', padding: 0, margin: 0 },
  item: { display: 'flex', alignItems: 'center', columnGap: '8px' },
});

/**
 * The account's never-log list and each user's personal one: add an address or a domain (`x.example`,
 * `*@x.example`, `*.x.example`), checked here with the companion's own parser before it is sent; remove one.
 */
export function NeverLogEditor() {
  const { t } = useTranslation();
  const styles = useStyles();
  const { connection, report, announce, reloadToken } = useCompanion();
  const [lists, setLists] = useState<Lists | null>(null);
  const [entry, setEntry] = useState('');
  const [target, setTarget] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    void connection.api.getNeverLog({}).then((reply) => {
      if (report(reply).ok && reply.ok) {
        setLists(reply.value);
      } else if (!reply.ok) {
        setError(reply.error);
      }
    });
  }, [connection, report, reloadToken]);

  const adopt = (reply: ApiReply<Lists>, said: string): void => {
    report(reply);
    if (!reply.ok) {
      setError(reply.error);
      return;
    }
    setError(null);
    setLists(reply.value);
    announce(said);
  };
  const add = async (): Promise<void> => {
    if (parseNeverLogEntry(entry) === null) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    const user = target === '' ? {} : { user: target };
    adopt(await connection.api.addNeverLog({ entry: entry.trim(), ...user }), t('neverLog.added', { entry }));
    setEntry('');
  };
  const remove = async (value: string, user: string | null): Promise<void> => {
    adopt(
      await connection.api.removeNeverLog({ entry: value, ...(user === null ? {} : { user }) }),
      t('neverLog.removed', { entry: value }),
    );
  };
  if (lists === null) {
    return error ? <ErrorText error={error} /> : <Spinner label={t('neverLog.loading')} />;
  }
  const group = (title: string, entries: ReadonlyArray<string>, user: string | null) => (
    <section aria-label={title} key={user ?? 'account'}>
      <Subtitle2 as="h3">{title}</Subtitle2>
      {entries.length === 0 ? (
        <Text>{t('neverLog.empty')}</Text>
      ) : (
        <ul className={styles.list}>
          {entries.map((value) => (
            <li key={value} className={styles.item}>
              <Text>{value}</Text>
              <Button
                appearance="subtle"
                icon={<Delete20Regular />}
                aria-label={t('neverLog.remove', { entry: value })}
                onClick={() => void remove(value, user)}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
  return (
    <div className={styles.box}>
      <Subtitle1 as="h2">{t('neverLog.title')}</Subtitle1>
      <Text>{t('neverLog.explain')}</Text>
      <form
        className={styles.add}
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <Field
          label={t('neverLog.entry')}
          validationState={invalid ? 'error' : 'none'}
          validationMessage={invalid ? t('neverLog.invalid') : undefined}
        >
          <Input
            name="entry"
            value={entry}
            onChange={(_, d) => setEntry(d.value)}
            placeholder="competitor.example"
          />
        </Field>
        <Field label={t('neverLog.list')}>
          <Select name="list" value={target} onChange={(_, d) => setTarget(d.value)}>
            <option value="">{t('neverLog.accountList')}</option>
            {lists.personal.map((p) => (
              <option key={p.user} value={p.user}>
                {t('neverLog.personalOf', { user: p.user })}
              </option>
            ))}
          </Select>
        </Field>
        <Button appearance="primary" type="submit">
          {t('neverLog.add')}
        </Button>
      </form>
      {error && <ErrorText error={error} />}
      {group(t('neverLog.accountList'), lists.account, null)}
      {lists.personal.map((p) => group(t('neverLog.personalOf', { user: p.user }), p.entries, p.user))}
    </div>
  );
}
