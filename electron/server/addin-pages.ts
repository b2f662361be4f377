import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

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

/**
 * The add-in's pages under `/addin/`, and the package's Office.js under `/addin/office-js/`. With the setting at
 * `companion`, a page is sent with its Office.js URL pointing at that copy; the rest is served as built.
 */
export async function registerAddinPages(
  app: FastifyInstance,
  addinDir: string,
  source: () => 'microsoft' | 'companion',
): Promise<void> {
  await app.register(fastifyStatic, {
    root: officeJsDir(),
    prefix: '/addin/office-js/',
    decorateReply: false,
  });
  app.addHook('onRequest', async (request, reply) => {
    const page = /^\/addin\/([\w-]+\.html)(?:\?|$)/.exec(request.url)?.[1];
    const chosen = source();
    if (page === undefined || chosen === 'microsoft' || !fs.existsSync(path.join(addinDir, page))) {
      return undefined;
    }
    const html = await fs.promises.readFile(path.join(addinDir, page), 'utf8');
    return reply.type('text/html; charset=utf-8').send(withOfficeJsSource(html, chosen));
  });
  await app.register(fastifyStatic, { root: addinDir, prefix: '/addin/', decorateReply: false });
}
