import fs from 'node:fs';
import path from 'node:path';
import { windowCsp } from '../server/security-headers.js';
import { appOrigin, isSameOrigin } from './is-own-sender.js';

const types: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export type AppFileReply = {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | string;
};

/**
 * What the app's own scheme answers (docs/security.md "Electron"): a file of the window's build (renderer/dist),
 * never anything outside it (`..`, encoded or not, and symbolic links out are refused), with the window's CSP and
 * nosniff on every reply. The window needs no TLS exception this way: it talks to the companion over IPC only.
 */
export function readAppFile(rootDir: string, requestUrl: string): AppFileReply {
  const headers = {
    'Content-Security-Policy': windowCsp,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
  if (!isSameOrigin(requestUrl, appOrigin)) {
    return { status: 404, headers: { ...headers, 'Content-Type': 'text/plain' }, body: 'Not found' };
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return { status: 400, headers: { ...headers, 'Content-Type': 'text/plain' }, body: 'Bad request' };
  }
  const root = path.resolve(rootDir);
  const wanted = path.resolve(root, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`);
  const inside = (file: string): boolean => file === root || file.startsWith(`${root}${path.sep}`);
  let real: string;
  try {
    real = fs.realpathSync(wanted);
  } catch {
    return notBuilt(headers, pathname);
  }
  if (!inside(wanted) || !inside(real) || !fs.statSync(real).isFile() || pathname.includes('\0')) {
    return { status: 404, headers: { ...headers, 'Content-Type': 'text/plain' }, body: 'Not found' };
  }
  const type = types[path.extname(real).toLowerCase()] ?? 'application/octet-stream';
  return { status: 200, headers: { ...headers, 'Content-Type': type }, body: fs.readFileSync(real) };
}

function notBuilt(headers: Readonly<Record<string, string>>, pathname: string): AppFileReply {
  if (pathname === '/' || pathname === '/index.html') {
    return {
      status: 503,
      headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' },
      body: '<!doctype html><title>crm-mail-logger</title><p>The window is not built: run <code>npm run build:renderer</code>.</p>',
    };
  }
  return { status: 404, headers: { ...headers, 'Content-Type': 'text/plain' }, body: 'Not found' };
}
