import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Subtitle1,
  Subtitle2,
  Switch,
  Text,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '#shared/api/api-error.js';
import type { MethodInput, MethodOutput } from '#shared/api/companion-api.js';
import type { ResultEntry } from '#shared/api/companion-schemas.js';
import { useCompanion } from '../hooks/use-companion.js';
import { ErrorText } from './ErrorText.js';
import { ReasonText } from './ReasonText.js';

type Connection = MethodInput<'testConnection'>;
type TestOutcome = MethodOutput<'testConnection'>;
type SelfTest = MethodOutput<'selfTest'>;
type BackendKind = 'local' | 'hubspot' | 'postgres';

const useStyles = makeStyles({
  form: { maxWidth: '640px', padding: '16px', display: 'flex', flexDirection: 'column', rowGap: '12px' },
  row: { display: 'flex', columnGap: '12px', flexWrap: 'wrap' },
  actions: { display: 'flex', columnGap: '8px', flexWrap: 'wrap' },
});

/**
 * First-run setup: the logging mailbox and the CRM backend, a test of both connections, saving them (the secret
 * goes to the companion once and is kept in the keychain or IT's config), and a self-test mail through the BCC
 * address that is shown here when it arrives as a result.
 */
export function SetupView() {
  const { t } = useTranslation();
  const styles = useStyles();
  const { connection, report, announce } = useCompanion();
  const [mailbox, setMailbox] = useState({
    host: '',
    port: '993',
    secure: true,
    user: '',
    password: '',
    folder: 'INBOX',
  });
  const [backend, setBackend] = useState<{
    kind: BackendKind;
    baseUrl: string;
    accessToken: string;
    url: string;
  }>({
    kind: 'local',
    baseUrl: '',
    accessToken: '',
    url: '',
  });
  const [tested, setTested] = useState<TestOutcome | null>(null);
  const [saved, setSaved] = useState(false);
  const [selfTest, setSelfTest] = useState<SelfTest | null>(null);
  const [arrived, setArrived] = useState<ResultEntry | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [editable, setEditable] = useState(true);
  useEffect(() => {
    void connection.api.getSettings({}).then((reply) => {
      if (report(reply).ok && reply.ok) {
        setEditable(reply.value.editable);
      }
    });
  }, [connection, report]);

  const awaited = selfTest?.sent ? selfTest.messageId : null;
  useEffect(() => {
    if (awaited === null) {
      return undefined;
    }
    return connection.onEvent((event) => {
      if (event.type === 'result' && event.entry.messageId === awaited) {
        setArrived(event.entry);
        announce(t('setup.selfTestArrived'));
      }
    });
  }, [connection, awaited, announce, t]);

  const input = (): Connection => {
    const chosen: Connection['backend'] =
      backend.kind === 'local'
        ? { kind: 'local' }
        : backend.kind === 'hubspot'
          ? {
              kind: 'hubspot',
              baseUrl: backend.baseUrl === '' ? null : backend.baseUrl,
              ...(backend.accessToken === '' ? {} : { accessToken: backend.accessToken }),
            }
          : { kind: 'postgres', url: backend.url };
    const box =
      mailbox.host === ''
        ? null
        : {
            host: mailbox.host,
            port: Number(mailbox.port),
            secure: mailbox.secure,
            tls: 'required' as const,
            user: mailbox.user,
            folder: mailbox.folder,
            onlyFor: null,
            ...(mailbox.password === '' ? {} : { password: mailbox.password }),
          };
    return { mailbox: box, backend: chosen };
  };
  const run = async (step: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    await step();
    setBusy(false);
  };
  const test = () =>
    run(async () => {
      const reply = report(await connection.api.testConnection(input()));
      if (reply.ok) {
        setTested(reply.value);
      } else {
        setError(reply.error);
      }
    });
  const save = () =>
    run(async () => {
      const reply = report(await connection.api.saveConnection(input()));
      if (reply.ok) {
        setSaved(true);
        announce(t('setup.saved'));
      } else {
        setError(reply.error);
      }
    });
  const sendSelfTest = () =>
    run(async () => {
      setArrived(null);
      const reply = report(await connection.api.selfTest({}));
      if (reply.ok) {
        setSelfTest(reply.value);
      } else {
        setError(reply.error);
      }
    });

  const outcome = (label: string, value: TestOutcome['mailbox']) =>
    value && (
      <MessageBar intent={value.ok ? 'success' : 'error'}>
        <MessageBarBody>
          <MessageBarTitle>{`${label}: ${value.ok ? t('setup.testOk') : t('setup.testFailed')}`}</MessageBarTitle>
          {value.message}
        </MessageBarBody>
      </MessageBar>
    );
  return (
    <form
      className={styles.form}
      aria-labelledby="setup-heading"
      data-view="setup"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Subtitle1 as="h2" id="setup-heading">
        {t('setup.title')}
      </Subtitle1>
      <Text>{t('setup.explain')}</Text>
      {!editable && (
        <MessageBar intent="info">
          <MessageBarBody>{t('settings.readOnly')}</MessageBarBody>
        </MessageBar>
      )}
      <Subtitle2 as="h3">{t('setup.mailbox')}</Subtitle2>
      <div className={styles.row}>
        <Field label={t('setup.host')}>
          <Input
            name="host"
            value={mailbox.host}
            onChange={(_, d) => setMailbox({ ...mailbox, host: d.value })}
          />
        </Field>
        <Field label={t('setup.port')}>
          <Input
            name="port"
            type="number"
            value={mailbox.port}
            onChange={(_, d) => setMailbox({ ...mailbox, port: d.value })}
          />
        </Field>
      </div>
      <Switch
        label={t('setup.secure')}
        checked={mailbox.secure}
        onChange={(_, d) => setMailbox({ ...mailbox, secure: d.checked })}
      />
      <Field label={t('setup.user')}>
        <Input
          name="user"
          value={mailbox.user}
          onChange={(_, d) => setMailbox({ ...mailbox, user: d.value })}
        />
      </Field>
      <Field label={t('setup.password')}>
        <Input
          name="password"
          type="password"
          value={mailbox.password}
          onChange={(_, d) => setMailbox({ ...mailbox, password: d.value })}
        />
      </Field>
      <Field label={t('setup.folder')}>
        <Input
          name="folder"
          value={mailbox.folder}
          onChange={(_, d) => setMailbox({ ...mailbox, folder: d.value })}
        />
      </Field>

      <Subtitle2 as="h3">{t('setup.backend')}</Subtitle2>
      <Field label={t('setup.backendKind')}>
        <Select
          name="backend"
          value={backend.kind}
          onChange={(_, d) => setBackend({ ...backend, kind: d.value as BackendKind })}
        >
          <option value="local">{t('setup.backendLocal')}</option>
          <option value="hubspot">HubSpot</option>
          <option value="postgres">PostgreSQL</option>
        </Select>
      </Field>
      {backend.kind === 'hubspot' && (
        <>
          <Field label={t('setup.hubspotToken')}>
            <Input
              type="password"
              value={backend.accessToken}
              onChange={(_, d) => setBackend({ ...backend, accessToken: d.value })}
            />
          </Field>
          <Field label={t('setup.hubspotBaseUrl')} hint={t('setup.hubspotBaseUrlHint')}>
            <Input
              value={backend.baseUrl}
              onChange={(_, d) => setBackend({ ...backend, baseUrl: d.value })}
            />
          </Field>
        </>
      )}
      {backend.kind === 'postgres' && (
        <Field label={t('setup.postgresUrl')}>
          <Input value={backend.url} onChange={(_, d) => setBackend({ ...backend, url: d.value })} />
        </Field>
      )}
      <div className={styles.actions}>
        <Button disabled={busy} onClick={() => void test()}>
          {t('setup.test')}
        </Button>
        <Button appearance="primary" type="submit" disabled={busy || !editable}>
          {t('setup.save')}
        </Button>
      </div>
      {tested && outcome(t('setup.mailbox'), tested.mailbox)}
      {tested && outcome(t('setup.backend'), tested.backend)}
      {saved && (
        <MessageBar intent="success">
          <MessageBarBody>{t('setup.saved')}</MessageBarBody>
        </MessageBar>
      )}
      {error && <ErrorText error={error} />}

      <Subtitle2 as="h3">{t('setup.selfTest')}</Subtitle2>
      <Text>{t('setup.selfTestExplain')}</Text>
      <div>
        <Button disabled={busy} onClick={() => void sendSelfTest()}>
          {t('setup.sendSelfTest')}
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {selfTest &&
          (selfTest.sent ? (
            <MessageBar intent={arrived ? 'success' : 'info'}>
              <MessageBarBody>
                {arrived ? (
                  <>
                    <MessageBarTitle>{t('setup.selfTestArrived')}</MessageBarTitle>
                    {t(`status.${arrived.status}`)} — <ReasonText entry={arrived} />
                  </>
                ) : (
                  t('setup.selfTestWaiting', { to: selfTest.to })
                )}
              </MessageBarBody>
            </MessageBar>
          ) : (
            <MessageBar intent="warning">
              <MessageBarBody>
                <MessageBarTitle>{t('setup.selfTestNotSent')}</MessageBarTitle>
                {selfTest.message}
              </MessageBarBody>
            </MessageBar>
          ))}
      </div>
    </form>
  );
}
