import { isSameOrigin } from './is-own-sender.js';

/**
 * The one BrowserWindow's options (docs/security.md "Electron"): every window of the app is made from these, and a
 * unit test asserts them, since a linter only sees options written literally next to `new BrowserWindow`.
 * Plain data, so it is testable without Electron.
 */
export function windowWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    // Middle-click would open a link in a new window past will-navigate.
    disableBlinkFeatures: 'Auxclick',
  } as const;
}

export function windowOptions(preload: string, bounds: WindowBounds | null) {
  return {
    width: bounds?.width ?? 1100,
    height: bounds?.height ?? 760,
    ...(bounds?.x === undefined ? {} : { x: bounds.x }),
    ...(bounds?.y === undefined ? {} : { y: bounds.y }),
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'crm-mail-logger',
    webPreferences: windowWebPreferences(preload),
  };
}

export type WindowOptions = ReturnType<typeof windowOptions>;

/**
 * The one place a window is made: Electron's BrowserWindow is passed in (so this stays testable in plain Node),
 * and the security options are written out literally at the constructor too, where Electronegativity can read
 * them (it does not follow function calls); the test checks both say the same.
 */
export function createAppWindow<W>(
  BrowserWindow: new (options: WindowOptions) => W,
  preload: string,
  bounds: WindowBounds | null,
): W {
  const options = windowOptions(preload, bounds);
  return new BrowserWindow({
    ...options,
    webPreferences: {
      ...options.webPreferences,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

export type WindowBounds = {
  readonly x?: number | undefined;
  readonly y?: number | undefined;
  readonly width: number;
  readonly height: number;
};

/**
 * Where a link or a navigation may go (will-navigate, setWindowOpenHandler): the window stays on the app's own
 * origin (`app`); an https page of another site opens in the user's browser (`browser`), never in the app; anything
 * else (http, file:, javascript:, data:, custom schemes, credentials in the URL) goes nowhere (`refuse`).
 */
export function linkVerdict(url: string, ownOrigin: string): 'app' | 'browser' | 'refuse' {
  if (isSameOrigin(url, ownOrigin)) {
    return 'app';
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'refuse';
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') {
    return 'refuse';
  }
  return 'browser';
}
