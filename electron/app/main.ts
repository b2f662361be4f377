import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import envPaths from 'env-paths';
import { BrowserWindow, app, protocol, session, shell, type Session, type WebContents } from 'electron';
import { defaultUiPort } from '../config/companion-config.js';
import { readConnectionFile } from '../companion/connection-file.js';
import { createCompanionService } from '../companion/create-companion-service.js';
import { startCompanion } from '../companion/start-companion.js';
import { createJsonLineLogger } from '../core/logger.js';
import { windowCsp } from '../server/security-headers.js';
import { startCompanionServer } from '../server/start-companion-server.js';
import { createBadgeCounter } from './badge-count.js';
import { savedConnectionConfig } from '../companion/saved-connection-config.js';
import { seedSamples } from '../companion/seed-samples.js';
import { createIpcDispatch } from './ipc-dispatch.js';
import { forwardEvents, registerIpcHandlers } from './ipc-main.js';
import { createFailureNotifier } from './notify.js';
import { appOrigin, appScheme } from './is-own-sender.js';
import { readAppFile } from './app-protocol.js';
import { openSecrets } from './secrets.js';
import { openSettingsStore } from './settings-store.js';
import { createTray, type AppTray } from './tray.js';
import { createAppWindow, linkVerdict } from './window-options.js';
import { apiFailure } from '#shared/api/api-error.js';

/**
 * The desktop app (docs/architecture.md "electron/app"): one instance, the companion and its HTTPS server in this
 * process, the tray, and one hardened window on the companion's own origin talking to it over IPC. Everything
 * decided here is in plain modules beside it, tested without Electron (test/unit/electron/app/).
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const preload = path.join(repoRoot, 'dist', 'app', 'preload.cjs');
const rendererDir = path.join(repoRoot, 'renderer', 'dist');
const logger = createJsonLineLogger((line) => process.stderr.write(line));

const { values: args } = parseArgs({
  args: process.argv.slice(1),
  options: { store: { type: 'string' }, port: { type: 'string' } },
  strict: false,
});
// The same per-user store as the CLI's (electron/cli/default-store-dir.ts), which this layer may not import.
const defaultStore = process.env['CRM_MAIL_LOGGER_STORE'] ?? envPaths('crm-mail-logger', { suffix: '' }).data;
const store = path.resolve(typeof args.store === 'string' ? args.store : defaultStore);
const port = typeof args.port === 'string' ? Number(args.port) : defaultUiPort;

app.enableSandbox();
// The window's own origin (app://crm-mail-logger): a standard, secure scheme, so it gets an origin of its own and
// no TLS exception is needed; registered before ready, as Electron requires.
protocol.registerSchemesAsPrivileged([
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fail(error));
}

function fail(error: unknown): void {
  logger.error('the desktop app cannot start', {
    error: error instanceof Error ? error.message : String(error),
  });
  app.exit(1);
}

async function start(): Promise<void> {
  const settings = openSettingsStore();
  app.setLoginItemSettings({ openAtLogin: settings.read().startAtLogin });
  const secrets = openSecrets(logger);
  const { config, missing } = savedConnectionConfig({
    store,
    port,
    connection: readConnectionFile(store),
    secret: (name) => secrets.read(name),
  });
  missing.forEach((what) => logger.warn('a secret is missing', { what }));
  const companion = await startCompanion(config, { logger });
  await seedSamples(companion); // a fresh store shows the marked sample account, as headless start does
  const service = createCompanionService(companion, { editable: true });
  const server = await startCompanionServer({ companion, service, port });
  const ownOrigin = appOrigin;
  protocol.handle(appScheme, (request) => {
    const reply = readAppFile(rendererDir, request.url);
    return new Response(reply.body, { status: reply.status, headers: reply.headers });
  });
  hardenSession(session.defaultSession);
  logger.info('desktop app started', { window: ownOrigin, api: server.url });
  app.on('web-contents-created', (_event, contents) => limitNavigation(contents, ownOrigin));

  registerIpcHandlers(
    createIpcDispatch({
      service,
      ownOrigin,
      saveSecret: (name, value) =>
        secrets.write(name, value)
          ? { ok: true, value: true }
          : apiFailure('UNAVAILABLE', secrets.policy.warning ?? 'Secrets cannot be saved here.'),
      onError: (method, error) =>
        logger.error('IPC call failed', {
          method,
          error: error instanceof Error ? error.message : String(error),
        }),
    }),
  );

  let window: BrowserWindow | null = null;
  const openWindow = (): void => {
    if (window === null || window.isDestroyed()) {
      window = createWindow(ownOrigin, settings);
      const stop = forwardEvents(companion.events, window.webContents);
      window.on('closed', stop);
    }
    window.show();
    window.focus();
  };
  app.on('second-instance', openWindow);

  const status = await service.getStatus({}, { kind: 'owner' });
  const badge = createBadgeCounter(status.ok ? status.value : null);
  let quitting = false;
  const tray: AppTray = createTray({
    openWindow,
    startAtLogin: () => settings.read().startAtLogin,
    setStartAtLogin: (on) => {
      settings.write({ startAtLogin: on });
      app.setLoginItemSettings({ openAtLogin: on });
    },
    statusLine: secrets.policy.warning,
    quit: () => app.quit(),
  });
  tray.setFailures(badge.count);
  const notify = createFailureNotifier({
    enabled: () => companion.prefs.read().desktopNotifications,
    onClick: openWindow,
  });
  companion.events.on((event) => {
    tray.setFailures(badge.update(event));
    notify(event);
  });

  // A tray app: closing the window hides it; Quit in the tray menu stops the companion, then exits.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', (event) => {
    if (quitting) {
      return;
    }
    quitting = true;
    event.preventDefault();
    void (async () => {
      await server.close();
      await service.settled();
      await companion.stop();
      tray.destroy();
      app.exit(0);
    })();
  });
  if (!app.getLoginItemSettings().wasOpenedAtLogin) {
    openWindow();
  }
}

function createWindow(ownOrigin: string, settings: ReturnType<typeof openSettingsStore>): BrowserWindow {
  const window = createAppWindow(BrowserWindow, preload, settings.read().windowBounds);
  window.once('ready-to-show', () => window.show());
  window.on('close', () => settings.write({ windowBounds: window.getBounds() }));
  void window.loadURL(`${ownOrigin}/`);
  return window;
}

/**
 * The window's session (docs/security.md "Electron"): the window's CSP on every response (the app scheme sets it
 * too), every permission request and check denied, no downloads.
 */
function hardenSession(target: Session): void {
  target.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') {
        delete headers[name];
      }
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [windowCsp] } });
  });
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.on('will-download', (event) => event.preventDefault());
}

/** No navigation away from the app, no new windows, no <webview>; https links of other sites open in the browser. */
function limitNavigation(contents: WebContents, ownOrigin: string): void {
  const openOutside = (url: string): void => {
    if (linkVerdict(url, ownOrigin) === 'browser') {
      // Only an https URL of another site reaches here (linkVerdict, tested in test/unit/electron/app/).
      void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
    }
  };
  contents.on('will-navigate', (event, url) => {
    if (linkVerdict(url, ownOrigin) !== 'app') {
      event.preventDefault();
      openOutside(url);
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (linkVerdict(url, ownOrigin) !== 'app') {
      event.preventDefault();
    }
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
}
