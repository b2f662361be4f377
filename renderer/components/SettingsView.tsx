import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Subtitle1,
  Switch,
  Text,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '#shared/api/api-error.js';
import type { CompanionSettings } from '#shared/api/companion-schemas.js';
import { parseList } from '../format/parse-list.js';
import { useCompanion } from '../hooks/use-companion.js';
import { ErrorText } from './ErrorText.js';

const useStyles = makeStyles({
  form: { maxWidth: '640px', padding: '16px', display: 'flex', flexDirection: 'column', rowGap: '12px' },
});

type Account = CompanionSettings['account'];
type Prefs = CompanionSettings['companion'];

/**
 * The account's settings and the companion's own preferences, and the connection the companion uses (shown
 * here, changed in the setup; read-only where IT's config file holds it, `editable` false). A language change
 * applies to the window at once.
 */
export function SettingsView({ onLocale }: { readonly onLocale: (locale: Prefs['locale']) => void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { connection, report, announce, reloadToken } = useCompanion();
  const [settings, setSettings] = useState<CompanionSettings | null>(null);
  const [account, setAccount] = useState<Account | null>(null);
  const [prefs, setPrefs] = useState<Prefs | null>(null);
  const [lists, setLists] = useState({ internal: '', freeMail: '', origins: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  const adopt = (value: CompanionSettings): void => {
    setSettings(value);
    setAccount(value.account);
    setPrefs(value.companion);
    setLists({
      internal: value.account.internalDomains.join(', '),
      freeMail: value.account.freeMailDomains.join(', '),
      origins: value.companion.addinOrigins.join(', '),
    });
  };
  useEffect(() => {
    void connection.api.getSettings({}).then((reply) => {
      if (report(reply).ok && reply.ok) {
        adopt(reply.value);
      } else if (!reply.ok) {
        setError(reply.error);
      }
    });
  }, [connection, report, reloadToken]);

  if (settings === null || account === null || prefs === null) {
    return error ? <ErrorText error={error} /> : <Spinner label={t('settings.loading')} />;
  }
  const save = async (): Promise<void> => {
    setSaved(false);
    const reply = report(
      await connection.api.putSettings({
        account: {
          ...account,
          internalDomains: parseList(lists.internal),
          freeMailDomains: parseList(lists.freeMail),
        },
        companion: { ...prefs, addinOrigins: parseList(lists.origins) },
      }),
    );
    if (!reply.ok) {
      setError(reply.error);
      return;
    }
    setError(null);
    adopt(reply.value);
    setSaved(true);
    announce(t('settings.saved'));
    onLocale(reply.value.companion.locale);
  };
  const text = (key: keyof Account, label: string) => (
    <Field label={label}>
      <Input
        name={key}
        value={String(account[key])}
        onChange={(_, d) => setAccount({ ...account, [key]: d.value })}
      />
    </Field>
  );
  const numeric = (key: 'attachmentLimitMB' | 'dealsPerContact', label: string) => (
    <Field label={label}>
      <Input
        name={key}
        type="number"
        value={String(account[key])}
        onChange={(_, d) => setAccount({ ...account, [key]: Number(d.value) })}
      />
    </Field>
  );
  const listField = (key: keyof typeof lists, label: string, hint: string) => (
    <Field label={label} hint={hint}>
      <Input name={key} value={lists[key]} onChange={(_, d) => setLists({ ...lists, [key]: d.value })} />
    </Field>
  );
  return (
    <form
      className={styles.form}
      aria-labelledby="settings-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Subtitle1 as="h2" id="settings-heading">
        {t('settings.account')}
      </Subtitle1>
      {text('bccAddress', t('settings.bccAddress'))}
      {text('forwardingAddress', t('settings.forwardingAddress'))}
      <Switch
        label={t('settings.requireToken')}
        checked={account.requireToken}
        onChange={(_, d) => setAccount({ ...account, requireToken: d.checked })}
      />
      <Switch
        label={t('settings.requireDmarc')}
        checked={account.requireDmarc}
        onChange={(_, d) => setAccount({ ...account, requireDmarc: d.checked })}
      />
      {listField('internal', t('settings.internalDomains'), t('settings.listHint'))}
      {listField('freeMail', t('settings.freeMailDomains'), t('settings.listHint'))}
      {numeric('attachmentLimitMB', t('settings.attachmentLimitMB'))}
      {numeric('dealsPerContact', t('settings.dealsPerContact'))}

      <Subtitle1 as="h2">{t('settings.companion')}</Subtitle1>
      <Field label={t('settings.language')}>
        <Select
          name="locale"
          value={prefs.locale}
          onChange={(_, d) => setPrefs({ ...prefs, locale: d.value as Prefs['locale'] })}
        >
          <option value="auto">{t('settings.languageAuto')}</option>
          <option value="en">English</option>
          <option value="ja">日本語</option>
        </Select>
      </Field>
      <Switch
        label={t('settings.defaultLogOn')}
        checked={prefs.defaultLogOn}
        onChange={(_, d) => setPrefs({ ...prefs, defaultLogOn: d.checked })}
      />
      <Switch
        label={t('settings.desktopNotifications')}
        checked={prefs.desktopNotifications}
        onChange={(_, d) => setPrefs({ ...prefs, desktopNotifications: d.checked })}
      />
      {listField('origins', t('settings.addinOrigins'), t('settings.listHint'))}
      <Field label={t('settings.officeJsSource')}>
        <Select
          value={prefs.officeJsSource}
          onChange={(_, d) => setPrefs({ ...prefs, officeJsSource: d.value as Prefs['officeJsSource'] })}
        >
          <option value="microsoft">{t('settings.officeJsMicrosoft')}</option>
          <option value="companion">{t('settings.officeJsCompanion')}</option>
        </Select>
      </Field>
      <Subtitle1 as="h2">{t('settings.connection')}</Subtitle1>
      <Text data-part="mailbox">
        {settings.mailbox
          ? t('settings.mailboxLabel', {
              user: settings.mailbox.user,
              host: settings.mailbox.host,
              port: settings.mailbox.port,
              folder: settings.mailbox.folder,
            })
          : t('settings.noMailbox')}
      </Text>
      <Text>{t('settings.backendLabel', { kind: t(`backend.${settings.backend.kind}`) })}</Text>
      {!settings.editable && (
        <MessageBar intent="info">
          <MessageBarBody>{t('settings.readOnly')}</MessageBarBody>
        </MessageBar>
      )}
      {error && <ErrorText error={error} />}
      {saved && (
        <MessageBar intent="success">
          <MessageBarBody>{t('settings.saved')}</MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button appearance="primary" type="submit">
          {t('settings.save')}
        </Button>
      </div>
    </form>
  );
}
