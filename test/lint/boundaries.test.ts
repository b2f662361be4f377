import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The canary of the dependency rule (STYLE §2.2): each forbidden edge of ARCHITECTURE.md is linted from a
// virtual file in the area it starts from, and must be reported. Loosen a zone and this test fails.
const eslint = new ESLint();

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'local/import-boundaries').map((m) => m.message);
}

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
    ['shared/model/x.ts', "import { readFileSync } from 'node:fs';", "no Node built-in 'node:fs'"],
    ['shared/model/x.ts', "import path from 'path';", "no Node built-in 'path'"],
    ['renderer/x.ts', "import { a } from '../electron/cli.js';", 'renderer/ may not import from electron/'],
    ['renderer/x.ts', "import { a } from '../addin/read/read.js';", 'renderer/ may not import from addin/'],
    ['addin/x.ts', "import { a } from '../electron/cli.js';", 'addin/ may not import from electron/'],
    ['addin/x.ts', "import { a } from '../renderer/App.js';", 'addin/ may not import from renderer/'],
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
    ['electron/core/x.ts', "import { app } from 'electron';", "Only electron/app/ imports 'electron'"],
    [
      'electron/core/pipeline.ts',
      "import { simpleParser } from 'mailparser';",
      'Only electron/core/parse-mime.ts',
    ],
    ['shared/rules/x.ts', "import Database from 'better-sqlite3';", 'better-sqlite3 is Node-only'],
    ['renderer/x.ts', "import { ImapFlow } from 'imapflow';", 'imapflow is Node-only'],
    [
      'electron/app/tray.ts',
      "import { ipcMain } from 'electron';",
      'Only electron/app/ipc-main.ts uses ipcMain',
    ],
    ['shared/x.ts', "export * from '../electron/core/pipeline.js';", 'shared/ may not import from electron/'],
    ['shared/x.ts', "const m = await import('../electron/cli.js');", 'shared/ may not import from electron/'],
  ];

  it.each(forbidden)('reports %s importing: %s', async (file, code, message) => {
    const errors = await boundaryErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
    expect(errors[0]).toContain('ARCHITECTURE.md');
  });

  const allowed: ReadonlyArray<[string, string]> = [
    ['electron/core/x.ts', "import { decide } from '../../shared/rules/decide.js';"],
    ['renderer/x.ts', "import type { LogResult } from '../shared/model/log-result.js';"],
    ['addin/x.ts', "import { decide } from '../shared/rules/decide.js';"],
    ['electron/core/parse-mime.ts', "import { MailParser } from 'mailparser';"],
    ['electron/app/main.ts', "import { app } from 'electron';"],
    ['electron/app/ipc-main.ts', "import { ipcMain } from 'electron';"],
    ['electron/crm/local/db.ts', "import Database from 'better-sqlite3';"],
    ['test/unit/x.test.ts', "import { a } from '../../electron/core/pipeline.js';"],
  ];

  it.each(allowed)('allows %s importing: %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});
