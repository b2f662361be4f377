import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import type { ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { createTranslator, type Translate } from '../i18n/create-translator.js';
import { createOfficeHost } from '../office/office-async.js';
import type { OutlookHost } from '../office/outlook-host.js';

/** Waits for Office, then renders a pane in Outlook's own look (Fluent UI) and language. */
export function mountPane(render: (host: OutlookHost, t: Translate) => ReactElement): void {
  void Office.onReady(async () => {
    const host = createOfficeHost(Office);
    const t = await createTranslator(host.displayLanguage);
    document.documentElement.lang = host.displayLanguage.toLowerCase().startsWith('ja') ? 'ja' : 'en';
    const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches === true;
    const root = document.getElementById('root');
    if (root !== null) {
      createRoot(root).render(
        <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>{render(host, t)}</FluentProvider>,
      );
    }
  });
}
