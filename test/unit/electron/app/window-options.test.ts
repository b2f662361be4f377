import { describe, expect, it } from 'vitest';
import {
  createAppWindow,
  linkVerdict,
  windowOptions,
  windowWebPreferences,
} from '../../../../electron/app/window-options.js';

const own = 'app://crm-mail-logger';

describe('the window security options', () => {
  it('isolates, sandboxes and keeps Node and insecure content out of the window', () => {
    expect(windowWebPreferences('/app/preload.cjs')).toEqual({
      preload: '/app/preload.cjs',
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
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('the window factory passes exactly those options to BrowserWindow', () => {
    const made: unknown[] = [];
    class FakeWindow {
      constructor(options: unknown) {
        made.push(options);
      }
    }
    const window = createAppWindow(FakeWindow, '/p.cjs', null);
    expect(window).toBeInstanceOf(FakeWindow);
    expect(made).toEqual([windowOptions('/p.cjs', null)]);
  });

  it('every window is made with them, and with no other webPreferences', () => {
    const options = windowOptions('/p.cjs', { x: 10, y: 20, width: 900, height: 700 });
    expect(options.webPreferences).toEqual(windowWebPreferences('/p.cjs'));
    expect(options).toMatchObject({ x: 10, y: 20, width: 900, height: 700, show: false });
    expect(windowOptions('/p.cjs', null)).not.toHaveProperty('x');
    expect(Object.keys(options)).not.toContain('enableBlinkFeatures');
  });
});

describe('links and navigation', () => {
  it.each([
    [`${own}/`, 'app'],
    [`${own}/#/results/3`, 'app'],
    ['https://app.hubspot.com/contacts/1', 'browser'],
    ['https://localhost:47806/', 'browser'],
    ['app://other/', 'refuse'],
    ['http://example.com/', 'refuse'],
    ['file:///etc/passwd', 'refuse'],
    ['javascript:alert(1)', 'refuse'],
    ['data:text/html,x', 'refuse'],
    ['about:blank', 'refuse'],
    ['https://user:pw@example.com/', 'refuse'],
    ['ms-settings:privacy', 'refuse'],
    ['not a url', 'refuse'],
  ])('%s → %s', (url, verdict) => {
    expect(linkVerdict(url, own)).toBe(verdict);
  });
});
