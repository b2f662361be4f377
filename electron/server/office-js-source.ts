import { createRequire } from 'node:module';
import path from 'node:path';

/** Where Microsoft documents Office.js (docs/addin.md): the pages name it by default. */
export const microsoftOfficeJs = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** The companion's own copy, from the `@microsoft/office-js` package, for networks that block Microsoft's CDN. */
export const companionOfficeJs = '/addin/office-js/office.js';

/** The folder of `@microsoft/office-js` that the companion serves under `/addin/office-js/`. */
export function officeJsDir(): string {
  const pkg = createRequire(import.meta.url).resolve('@microsoft/office-js/package.json');
  return path.join(path.dirname(pkg), 'dist');
}

/** An add-in page as served under the `officeJsSource` setting (docs/api.md, settings). */
export function withOfficeJsSource(html: string, source: 'microsoft' | 'companion'): string {
  return source === 'companion' ? html.split(microsoftOfficeJs).join(companionOfficeJs) : html;
}
