import { describe, expect, it } from 'vitest';
import { isOwnSender, ownOriginFor } from '../../../../electron/app/is-own-sender.js';

const own = ownOriginFor(47806);
const top = (url: string) => ({ url, isMainFrame: true });

describe('isOwnSender (the IPC sender check of electron/app/ipc-main.ts)', () => {
  it('accepts the top frame of the own origin, on any path and fragment', () => {
    expect(own).toBe('https://localhost:47806');
    expect(isOwnSender(top('https://localhost:47806/'), own)).toBe(true);
    expect(isOwnSender(top('https://localhost:47806/index.html#/results/3'), own)).toBe(true);
  });

  it.each([
    ['file://', 'file:///tmp/index.html'],
    ['a foreign https site', 'https://evil.example/'],
    ['a foreign site whose name starts like ours', 'https://localhost.evil.example:47806/'],
    ['about:blank', 'about:blank'],
    ['plain http on the same port', 'http://localhost:47806/'],
    ['another port', 'https://localhost:47807/'],
    ['127.0.0.1 (another origin, though the same machine)', 'https://127.0.0.1:47806/'],
    ['a data: URL', 'data:text/html,<script>1</script>'],
    ['no URL', ''],
  ])('refuses %s', (_what, url) => {
    expect(isOwnSender(top(url), own)).toBe(false);
  });

  it('refuses a sub-frame even on the own origin, and a destroyed frame', () => {
    expect(isOwnSender({ url: 'https://localhost:47806/', isMainFrame: false }, own)).toBe(false);
    expect(isOwnSender(null, own)).toBe(false);
    expect(isOwnSender(undefined, own)).toBe(false);
  });
});
