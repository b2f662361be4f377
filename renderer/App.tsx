import {
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Button,
  Tab,
  TabList,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiReply } from '#shared/api/api-error.js';
import { ActivityChart } from './components/ActivityChart.js';
import { ImportPanel } from './components/ImportPanel.js';
import { NeverLogEditor } from './components/NeverLogEditor.js';
import { OfflineBanner } from './components/OfflineBanner.js';
import { ResultsView } from './components/ResultsView.js';
import { SettingsView } from './components/SettingsView.js';
import { SetupView } from './components/SetupView.js';
import { SignInRequired } from './components/SignInRequired.js';
import { StatusHeader } from './components/StatusHeader.js';
import type { CompanionConnection } from './connection/connect-companion.js';
import { CompanionContext, useCompanion, type CompanionContextValue } from './hooks/use-companion.js';
import { useStatus } from './hooks/use-status.js';
import { pickLanguage } from './i18n/create-i18n.js';

const views = ['results', 'chart', 'import', 'settings', 'neverLog', 'setup'] as const;
type View = (typeof views)[number];

const useStyles = makeStyles({
  app: { display: 'grid', gridTemplateRows: 'auto auto auto 1fr', height: '100vh' },
  main: { minHeight: 0, overflow: 'auto' },
  results: { minHeight: 0, overflow: 'hidden' },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

type Problem = 'auth' | 'offline' | null;

/** The tray window: one companion connection, the state every view shares, and the views as tabs. */
export function App({ connection }: { readonly connection: CompanionConnection }) {
  const [problem, setProblem] = useState<Problem>(null);
  const [reloadToken, setReloadToken] = useState(0);
  const [announcement, setAnnouncement] = useState('');

  const report = useCallback(<T,>(reply: ApiReply<T>): ApiReply<T> => {
    if (reply.ok) {
      setProblem((p) => (p === 'offline' ? null : p));
    } else if (reply.error.code === 'AUTH.REQUIRED' || reply.error.code === 'AUTH.INVALID') {
      setProblem('auth');
    } else if (reply.error.code === 'UNAVAILABLE') {
      setProblem('offline');
    }
    return reply;
  }, []);
  useEffect(
    () =>
      connection.onLink((up) =>
        setProblem((p) => (up ? (p === 'offline' ? null : p) : p === 'auth' ? p : 'offline')),
      ),
    [connection],
  );
  const context = useMemo<CompanionContextValue>(
    () => ({ connection, report, announce: setAnnouncement, reloadToken }),
    [connection, report, reloadToken],
  );
  return (
    <CompanionContext.Provider value={context}>
      {problem === 'auth' ? (
        <SignInRequired />
      ) : (
        <Shell offline={problem === 'offline'} onRetry={() => setReloadToken((n) => n + 1)} />
      )}
      <div
        role="status"
        aria-live="polite"
        aria-atomic="true"
        className={useStyles().hidden}
        data-part="announcer"
      >
        {announcement}
      </div>
    </CompanionContext.Provider>
  );
}

function Shell({ offline, onRetry }: { readonly offline: boolean; readonly onRetry: () => void }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const status = useStatus();
  const [view, setView] = useState<View>('results');
  const setLocale = useCallback(
    (locale: 'auto' | 'en' | 'ja') => {
      const language = locale === 'auto' ? pickLanguage(navigator.languages) : locale;
      void i18n.changeLanguage(language);
    },
    [i18n],
  );
  const { connection, report } = useCompanion();
  // A language chosen in the settings outlives a restart; "auto" keeps the operating system's.
  useEffect(() => {
    void connection.api.getSettings({}).then((reply) => {
      if (report(reply).ok && reply.ok) {
        setLocale(reply.value.companion.locale);
      }
    });
  }, [connection, report, setLocale]);
  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = t('app.title');
  }, [i18n.language, t]);

  return (
    <div className={styles.app}>
      <StatusHeader status={status} />
      <nav aria-label={t('app.views')}>
        <TabList selectedValue={view} onTabSelect={(_, data) => setView(data.value as View)}>
          {views.map((v) => (
            <Tab key={v} value={v} id={`tab-${v}`}>
              {t(`view.${v}`)}
            </Tab>
          ))}
        </TabList>
      </nav>
      <div>
        {offline && <OfflineBanner onRetry={onRetry} />}
        {status?.sample && view === 'results' && (
          <MessageBar intent="info" data-part="sample-banner">
            <MessageBarBody>{t('app.sampleBody')}</MessageBarBody>
            <MessageBarActions>
              <Button onClick={() => setView('setup')}>{t('empty.openSetup')}</Button>
            </MessageBarActions>
          </MessageBar>
        )}
      </div>
      <main
        className={view === 'results' ? styles.results : styles.main}
        aria-labelledby={`tab-${view}`}
        data-view={view}
      >
        {view === 'results' && <ResultsView status={status} onOpenSetup={() => setView('setup')} />}
        {view === 'chart' && <ActivityChart />}
        {view === 'import' && <ImportPanel />}
        {view === 'settings' && <SettingsView onLocale={setLocale} />}
        {view === 'neverLog' && <NeverLogEditor />}
        {view === 'setup' && <SetupView />}
      </main>
    </div>
  );
}
