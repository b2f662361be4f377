import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The canary of the dependency rule (docs/architecture.md): each forbidden edge is linted from a virtual file in
// the area or layer it starts from, and must be reported with what to do instead. Loosen a zone and this fails.
const eslint = new ESLint();

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'local/import-boundaries').map((m) => m.message);
}

const layers = [
  'core',
  'crm',
  'sync',
  'intake',
  'notices',
  'config',
  'companion',
  'server',
  'cli',
  'app',
] as const;
type Layer = (typeof layers)[number];

/** The layer table of docs/architecture.md, written out again so that a change to the rule must change it too. */
const mayImport: Readonly<Record<Layer, ReadonlyArray<Layer>>> = {
  core: ['core', 'crm', 'sync'],
  crm: ['core', 'crm', 'sync'],
  sync: ['core', 'crm', 'sync'],
  intake: ['core', 'crm', 'sync', 'intake'],
  notices: ['core', 'crm', 'sync', 'notices'],
  config: ['core', 'crm', 'sync', 'config'],
  companion: ['core', 'crm', 'sync', 'intake', 'notices', 'config', 'companion'],
  server: ['core', 'crm', 'sync', 'intake', 'notices', 'config', 'companion', 'server'],
  cli: ['core', 'crm', 'sync', 'intake', 'notices', 'config', 'companion', 'server', 'cli'],
  app: ['core', 'crm', 'sync', 'intake', 'notices', 'config', 'companion', 'server', 'app'],
};

const layerPairs = layers.flatMap((from) => layers.map((to) => [from, to] as const));

describe('the import-boundary rule', () => {
  const forbidden: ReadonlyArray<[string, string, string]> = [
    [
      'shared/model/x.ts',
      "import { a } from '../../electron/core/pipeline.js';",
      'shared/ may not import from electron/',
    ],
    [
      'shared/model/x.ts',
      "import { a } from '../../renderer/App.js';",
      'shared/ may not import from renderer/',
    ],
    [
      'shared/model/x.ts',
      "import { a } from '../../addin/companion-client.js';",
      'shared/ may not import from addin/',
    ],
    [
      'shared/model/x.ts',
      "import { a } from '../../test/support/x.js';",
      'shared/ may not import from test/',
    ],
    ['shared/model/x.ts', "import { a } from '../../build/lint/x.js';", 'shared/ may not import from build/'],
    ['shared/model/x.ts', "import { readFileSync } from 'node:fs';", "no Node built-in 'node:fs'"],
    ['shared/model/x.ts', "import path from 'path';", "no Node built-in 'path'"],
    ['renderer/x.ts', "import { a } from '../electron/cli.js';", 'renderer/ may not import from electron/'],
    ['renderer/x.ts', "import { a } from '../addin/read/read.js';", 'renderer/ may not import from addin/'],
    ['renderer/x.ts', "import { a } from '../test/support/x.js';", 'renderer/ may not import from test/'],
    ['renderer/x.ts', "import { readFile } from 'node:fs/promises';", "no Node built-in 'node:fs/promises'"],
    ['addin/x.ts', "import { a } from '../electron/cli.js';", 'addin/ may not import from electron/'],
    ['addin/x.ts', "import { a } from '../renderer/App.js';", 'addin/ may not import from renderer/'],
    ['addin/x.ts', "import { a } from '../test/support/x.js';", 'addin/ may not import from test/'],
    ['addin/x.ts', "import { Buffer } from 'buffer';", "no Node built-in 'buffer'"],
    [
      'electron/core/x.ts',
      "import { a } from '../../renderer/App.js';",
      'electron/ may not import from renderer/',
    ],
    [
      'electron/core/x.ts',
      "import { a } from '../../addin/read/read.js';",
      'electron/ may not import from addin/',
    ],
    [
      'electron/core/x.ts',
      "import { a } from '../../test/support/x.js';",
      'electron/ may not import from test/',
    ],
    ['electron/core/x.ts', "import { app } from 'electron';", "Only electron/app/ imports 'electron'"],
    ['electron/companion/x.ts', "import { app } from 'electron';", "Only electron/app/ imports 'electron'"],
    [
      'electron/core/pipeline.ts',
      "import { simpleParser } from 'mailparser';",
      'Only electron/core/parse-mime.ts',
    ],
    [
      'electron/intake/x.ts',
      "import { simpleParser } from 'mailparser';",
      'Only electron/core/parse-mime.ts',
    ],
    [
      'shared/rules/x.ts',
      "import Database from 'better-sqlite3';",
      'Only electron/crm/local/ imports better-sqlite3',
    ],
    [
      'electron/core/x.ts',
      "import type Database from 'better-sqlite3';",
      'Only electron/crm/local/ imports better-sqlite3',
    ],
    [
      'electron/crm/hubspot/x.ts',
      "import Database from 'better-sqlite3';",
      'Only electron/crm/local/ imports better-sqlite3',
    ],
    [
      'electron/cli/x.ts',
      "import Database from 'better-sqlite3';",
      'Only electron/crm/local/ imports better-sqlite3',
    ],
    ['renderer/x.ts', "import { ImapFlow } from 'imapflow';", 'Only electron/intake/ imports imapflow'],
    [
      'electron/companion/x.ts',
      "import { ImapFlow } from 'imapflow';",
      'Only electron/intake/ imports imapflow',
    ],
    ['electron/crm/local/x.ts', "import pg from 'pg';", "Only electron/crm/postgres/ imports 'pg'"],
    [
      'electron/intake/x.ts',
      "import { createTransport } from 'nodemailer';",
      'Only electron/notices/ imports nodemailer',
    ],
    [
      'electron/core/x.ts',
      "import addressparser from 'nodemailer/lib/addressparser';",
      'Only electron/notices/ imports nodemailer',
    ],
    [
      'electron/sync/x.ts',
      "import { Client } from '@hubspot/api-client';",
      'Only electron/crm/hubspot/ imports @hubspot/api-client',
    ],
    ['electron/companion/x.ts', "import Fastify from 'fastify';", 'Only electron/server/ imports fastify'],
    ['electron/server/x.ts', "import React from 'react';", 'Only renderer/ and addin/ import react'],
    [
      'shared/x.ts',
      "import { Button } from '@fluentui/react-components';",
      'Only renderer/ and addin/ import @fluentui',
    ],
    [
      'electron/companion/x.ts',
      "import Store from 'electron-store';",
      "Only electron/app/ imports 'electron-store'",
    ],
    [
      'electron/cli/x.ts',
      "import Store from 'electron-store';",
      "Only electron/app/ imports 'electron-store'",
    ],
    ['renderer/x.ts', "import Store from 'electron-store';", "Only electron/app/ imports 'electron-store'"],
    ['scripts/x.ts', "import Store from 'electron-store';", "Only electron/app/ imports 'electron-store'"],
    ['renderer/x.ts', "import { ipcRenderer } from 'electron';", "Only electron/app/ imports 'electron'"],
    ['scripts/x.ts', "import { app } from 'electron';", "Only electron/app/ imports 'electron'"],
    [
      'scripts/x.ts',
      "import { a } from '../electron/app/window-options.js';",
      'scripts/ may not import from electron/app/',
    ],
    [
      'build/lint/x.js',
      "import { a } from '../../electron/app/main.js';",
      'build/ may not import from electron/app/',
    ],
    [
      'electron/server/x.ts',
      "import { a } from '../app/ipc-dispatch.js';",
      'electron/server/ may not import from electron/app/',
    ],
    [
      'renderer/x.ts',
      "import { a } from '../electron/app/preload.js';",
      'renderer/ may not import from electron/',
    ],
    [
      'electron/app/tray.ts',
      "import { ipcMain } from 'electron';",
      'Only electron/app/ipc-main.ts uses ipcMain',
    ],
    ['shared/x.ts', "export * from '../electron/core/pipeline.js';", 'shared/ may not import from electron/'],
    [
      'shared/x.ts',
      "export { a } from '../electron/core/pipeline.js';",
      'shared/ may not import from electron/',
    ],
    ['shared/x.ts', "const m = await import('../electron/cli.js');", 'shared/ may not import from electron/'],
    ['shared/x.ts', "type T = import('../electron/cli.js').T;", 'shared/ may not import from electron/'],
    [
      'electron/cli.ts',
      "import { a } from './app/main.js';",
      'electron/cli/ may not import from electron/app/',
    ],
    ['electron/extra/x.ts', "import { a } from '../core/pipeline.js';", 'electron/extra/ is not a layer'],
    [
      'renderer/components/Row.tsx',
      "import { a } from '../../electron/companion/start-companion.js';",
      'renderer/ may not import from electron/',
    ],
    [
      'addin/read/Read.tsx',
      "import { readFile } from 'node:fs/promises';",
      "no Node built-in 'node:fs/promises'",
    ],
  ];

  it.each(forbidden)('reports %s importing: %s', async (file, code, message) => {
    const errors = await boundaryErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
    expect(errors[0]).toContain('docs/architecture.md');
  });

  const forbiddenLayers = layerPairs.filter(([from, to]) => !mayImport[from].includes(to));
  it.each(forbiddenLayers)('reports electron/%s/ importing electron/%s/', async (from, to) => {
    const errors = await boundaryErrors(`electron/${from}/x.ts`, `import type { T } from '../${to}/y.js';`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`electron/${from}/ may not import from electron/${to}/: `);
    expect(errors[0]).toContain('docs/architecture.md');
  });

  const allowedLayers = layerPairs.filter(([from, to]) => mayImport[from].includes(to));
  it.each(allowedLayers)('allows electron/%s/ importing electron/%s/', async (from, to) => {
    expect(await boundaryErrors(`electron/${from}/x.ts`, `import { a } from '../${to}/y.js';`)).toEqual([]);
  });

  it('forbids something to every layer: no layer may import all the others', () => {
    expect(new Set(forbiddenLayers.map(([from]) => from))).toEqual(new Set(layers));
  });

  const allowed: ReadonlyArray<[string, string]> = [
    ['electron/core/x.ts', "import { decide } from '#shared/rules/decide.js';"],
    ['electron/intake/x.ts', "import { ok } from '#shared/util/result.js';"],
    ['renderer/x.ts', "import type { LogResult } from '../shared/model/log-result.js';"],
    ['renderer/components/x.tsx', "import { Row } from './Row.js';"],
    ['addin/x.ts', "import { decide } from '../shared/rules/decide.js';"],
    ['electron/core/parse-mime.ts', "import { MailParser } from 'mailparser';"],
    ['electron/app/main.ts', "import { app } from 'electron';"],
    ['electron/app/ipc-main.ts', "import { ipcMain } from 'electron';"],
    ['electron/app/settings-store.ts', "import Store from 'electron-store';"],
    ['electron/app/main.ts', "import { createBadgeCounter } from './badge-count.js';"],
    [
      'test/unit/electron/app/x.test.ts',
      "import { isOwnSender } from '../../../../electron/app/is-own-sender.js';",
    ],
    ['electron/crm/local/db.ts', "import Database from 'better-sqlite3';"],
    ['electron/crm/postgres/db.ts', "import pg from 'pg';"],
    ['electron/intake/x.ts', "import { ImapFlow } from 'imapflow';"],
    ['electron/notices/x.ts', "import { createTransport } from 'nodemailer';"],
    ['electron/crm/hubspot/x.ts', "import { Client } from '@hubspot/api-client';"],
    ['electron/server/x.ts', "import Fastify from 'fastify';"],
    ['renderer/x.tsx', "import React from 'react';"],
    ['addin/read/x.tsx', "import { Button } from '@fluentui/react-components';"],
    ['electron/cli.ts', "import { a } from './companion/start-companion.js';"],
    ['electron/cli.ts', "import { a } from './cli/usage.js';"],
    ['electron/crm/local/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['test/unit/x.test.ts', "import { a } from '../../electron/core/pipeline.js';"],
    ['test/integration/x.integration.test.ts', "import Database from 'better-sqlite3';"],
    ['test/integration/x.integration.test.ts', "import { createTransport } from 'nodemailer';"],
  ];

  it.each(allowed)('allows %s importing: %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});
