import { fileURLToPath } from 'node:url';
import { Menu, Tray, app, nativeImage } from 'electron';
import { badgeTooltip } from './badge-count.js';

const assets = fileURLToPath(new URL('./assets/', import.meta.url));

export type AppTray = {
  setFailures(count: number): void;
  destroy(): void;
};

/**
 * The tray icon (docs/rules.md#c2): the plain icon, or the one with a red dot while there are unread failures, with the
 * count in the tooltip (and beside the icon on macOS, and on the dock or launcher badge where there is one).
 * Its menu opens the window, switches start-at-login, shows the secrets warning when there is one, and quits.
 */
export function createTray(deps: {
  readonly openWindow: () => void;
  readonly startAtLogin: () => boolean;
  readonly setStartAtLogin: (on: boolean) => void;
  readonly statusLine: string | null;
  readonly quit: () => void;
}): AppTray {
  const icon = (name: string) => nativeImage.createFromPath(`${assets}${name}`);
  const plain = icon('tray.png');
  const failing = icon('tray-failure.png');
  const tray = new Tray(plain);
  let failures = 0;
  const menu = (): Menu =>
    Menu.buildFromTemplate([
      { label: 'Open crm-mail-logger', click: deps.openWindow },
      ...(failures > 0 ? [{ label: badgeTooltip(failures), click: deps.openWindow }] : []),
      ...(deps.statusLine === null ? [] : [{ label: deps.statusLine, enabled: false }]),
      { type: 'separator' as const },
      {
        label: 'Start at login',
        type: 'checkbox' as const,
        checked: deps.startAtLogin(),
        click: (item: Electron.MenuItem) => deps.setStartAtLogin(item.checked),
      },
      { type: 'separator' as const },
      { label: 'Quit', click: deps.quit },
    ]);
  tray.setToolTip(badgeTooltip(0));
  tray.setContextMenu(menu());
  tray.on('click', deps.openWindow);
  return {
    setFailures(count) {
      failures = count;
      tray.setImage(count > 0 ? failing : plain);
      tray.setToolTip(badgeTooltip(count));
      tray.setContextMenu(menu());
      if (process.platform === 'darwin') {
        tray.setTitle(count > 0 ? String(count) : '');
      }
      app.setBadgeCount(count);
    },
    destroy: () => tray.destroy(),
  };
}
