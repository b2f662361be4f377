import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const chromiumBinary = '/usr/bin/chromium';

/** Debian's Chromium, headless, with nothing of its own reaching the network. Throws (never skips) when absent. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(chromiumBinary)) {
    throw new Error('Chromium is not installed: apt-get install chromium');
  }
  return chromium.launch({
    executablePath: chromiumBinary,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}
