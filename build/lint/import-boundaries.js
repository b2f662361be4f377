// The dependency rule of ARCHITECTURE.md, enforced by the linter rather than by memory (STYLE §2.2).
// Do not relax these zones without changing ARCHITECTURE.md and CONTRIBUTING.md in the same commit;
// test/lint/boundaries.test.ts fails when a zone disappears.
import { builtinModules } from 'node:module';
import path from 'node:path';

const see = 'See ARCHITECTURE.md "Folders" and CONTRIBUTING.md "Where code goes".';

/** Which top-level folders each area may not import from. */
export const forbiddenAreas = {
  shared: ['electron', 'addin', 'renderer', 'test', 'build'],
  renderer: ['electron', 'addin', 'test'],
  addin: ['electron', 'renderer', 'test'],
  electron: ['renderer', 'addin', 'test'],
};

/** Packages that only some files may import, with what to do instead. */
const packageRules = [
  {
    name: 'electron',
    allowed: (file) => file.startsWith('electron/app/'),
    message: "Only electron/app/ imports 'electron'; put platform-free code in electron/core or shared/.",
  },
  {
    name: 'mailparser',
    allowed: (file) => file === 'electron/core/parse-mime.ts',
    message: 'Only electron/core/parse-mime.ts imports mailparser; use parseMime() and ParsedMessage.',
  },
  {
    name: 'imapflow',
    allowed: (file) => file.startsWith('electron/') || file.startsWith('test/'),
    message: 'imapflow is Node-only; the intake lives in electron/intake/.',
  },
  {
    name: 'better-sqlite3',
    allowed: (file) => file.startsWith('electron/') || file.startsWith('test/'),
    message: 'better-sqlite3 is Node-only; the store lives in electron/crm/local/.',
  },
];

const nodeOnlyAreas = new Set(['shared', 'renderer', 'addin']);
const builtins = new Set(builtinModules);

function packageName(source) {
  const parts = source.split('/');
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function isNodeBuiltin(source) {
  return source.startsWith('node:') || builtins.has(packageName(source));
}

export const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'The dependency rule of ARCHITECTURE.md' },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const area = file.split('/')[0];

    function check(node, source) {
      if (typeof source !== 'string') {
        return;
      }
      if (source.startsWith('.')) {
        const target = path
          .relative(root, path.resolve(path.dirname(context.filename), source))
          .split(path.sep)
          .join('/');
        const targetArea = target.split('/')[0];
        if ((forbiddenAreas[area] ?? []).includes(targetArea)) {
          context.report({ node, message: `${area}/ may not import from ${targetArea}/. ${see}` });
        }
        return;
      }
      if (nodeOnlyAreas.has(area) && isNodeBuiltin(source)) {
        context.report({
          node,
          message: `${area}/ runs outside Node: no Node built-in '${source}'. ${see}`,
        });
        return;
      }
      const rule = packageRules.find((r) => r.name === packageName(source));
      if (rule && !rule.allowed(file)) {
        context.report({ node, message: `${rule.message} ${see}` });
      }
    }

    return {
      ImportDeclaration(node) {
        check(node, node.source.value);
        const importsIpcMain = node.specifiers.some(
          (s) => s.type === 'ImportSpecifier' && s.imported.name === 'ipcMain',
        );
        if (node.source.value === 'electron' && importsIpcMain && file !== 'electron/app/ipc-main.ts') {
          context.report({
            node,
            message: `Only electron/app/ipc-main.ts uses ipcMain: it checks every sender. ${see}`,
          });
        }
      },
      ExportNamedDeclaration(node) {
        if (node.source) {
          check(node, node.source.value);
        }
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value);
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') {
          check(node, node.source.value);
        }
      },
      CallExpression(node) {
        const isRequire = node.callee.type === 'Identifier' && node.callee.name === 'require';
        if (isRequire && node.arguments[0]?.type === 'Literal') {
          check(node, node.arguments[0].value);
        }
      },
    };
  },
};
