import { describe, expect, it } from 'vitest';
import { appOrigin, isOwnSender, isSameOrigin } from '../../../../electron/app/is-own-sender.js';

const top = (url: string) => ({ url, isMainFrame: true });

describe('isOwnSender (the IPC sender check of electron/app/ipc-main.ts)', () => {
  it("accepts the top frame of the app's own origin, on any path and fragment", () => {
    expect(appOrigin).toBe('app://crm-mail-logger');
    expect(isOwnSender(top('app://crm-mail-logger/'), appOrigin)).toBe(true);
    expect(isOwnSender(top('app://crm-mail-logger/index.html#/results/3'), appOrigin)).toBe(true);
  });

  it.each([
    ['file://', 'file:///tmp/index.html'],
    ['file:// with our name as host', 'file://crm-mail-logger/index.html'],
    ['a foreign https site', 'https://evil.example/'],
    ['the companion over https (the add-in and scripts use that, not IPC)', 'https://localhost:47806/'],
    ['another host on our scheme', 'app://crm-mail-logger.evil/'],
    ['credentials in the URL', 'app://x@crm-mail-logger/'],
    ['about:blank', 'about:blank'],
    ['a data: URL', 'data:text/html,<script>1</script>'],
    ['no URL', ''],
  ])('refuses %s', (_what, url) => {
    expect(isOwnSender(top(url), appOrigin)).toBe(false);
  });

  it('refuses a sub-frame even on the own origin, and a destroyed frame', () => {
    expect(isOwnSender({ url: 'app://crm-mail-logger/', isMainFrame: false }, appOrigin)).toBe(false);
    expect(isOwnSender(null, appOrigin)).toBe(false);
    expect(isOwnSender(undefined, appOrigin)).toBe(false);
  });

  it('compares origins by scheme and host:port, also for https', () => {
    expect(isSameOrigin('https://localhost:47806/x', 'https://localhost:47806')).toBe(true);
    expect(isSameOrigin('https://localhost:47807/x', 'https://localhost:47806')).toBe(false);
    expect(isSameOrigin('http://localhost:47806/x', 'https://localhost:47806')).toBe(false);
  });
});
