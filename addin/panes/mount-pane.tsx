import { FluentProvider, makeStaticStyles, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import type { ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { createTranslator, type Translate } from '../i18n/create-translator.js';
import { createOfficeHost } from '../office/office-async.js';
import type { OutlookHost } from '../office/outlook-host.js';

/** A pane is a narrow column: each part on its own line, spaced, whatever Fluent's inline text elements are. */
const usePaneLayout = makeStaticStyles({
  body: { margin: 0 },
  '#root > .fui-FluentProvider > main, #root > .fui-FluentProvider > section': {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    rowGap: '8px',
    padding: '12px',
  },
  '#root h1, #root h2, #root p': { margin: 0 },
});

function PaneLayout(props: { readonly children: ReactElement }): ReactElement {
  usePaneLayout();
  return props.children;
}

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
        <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
          <PaneLayout>{render(host, t)}</PaneLayout>
        </FluentProvider>,
      );
    }
  });
}
