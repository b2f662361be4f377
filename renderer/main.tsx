import './zod-without-eval.js';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App.js';
import { connectCompanion } from './connection/connect-companion.js';
import { signInFromFragment } from './connection/sign-in-from-fragment.js';
import { createI18n, pickLanguage } from './i18n/create-i18n.js';

/** Starts the window: language from the operating system, the sign-in code traded first, then the views. */
async function start(): Promise<void> {
  const i18n = await createI18n(pickLanguage(navigator.languages));
  if (window.companion === undefined) {
    await signInFromFragment();
    // A fresh link opened in this tab (after the companion restarted) changes only the fragment: no page load.
    // Sign in with it, then start over so every view and the event stream use the new session.
    window.addEventListener('hashchange', () => {
      void signInFromFragment().then((outcome) => {
        if (outcome === 'signed-in') {
          window.location.reload();
        }
      });
    });
  }
  const root = document.getElementById('root');
  if (root === null) {
    return;
  }
  createRoot(root).render(
    <I18nextProvider i18n={i18n}>
      <FluentProvider theme={webLightTheme}>
        <App connection={connectCompanion()} />
      </FluentProvider>
    </I18nextProvider>,
  );
}

void start();
