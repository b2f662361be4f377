import fs from 'node:fs';

/** The product's version, from package.json (status, companion.json). */
export const companionVersion: string = (
  JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
