// The dependency rule of docs/architecture.md, enforced by the linter rather than by memory: which top-level
// area may import which, which layer inside electron/ may import which, and which folder owns each npm library.
// Do not relax these tables without changing docs/architecture.md and CONTRIBUTING.md in the same commit;
// test/lint/boundaries.test.ts lints one import per forbidden edge and fails when one is no longer reported.
import { builtinModules } from 'node:module';
import path from 'node:path';

const see = 'See docs/architecture.md and CONTRIBUTING.md "Where code goes".';

/** Which top-level folders each area may import from (besides itself). test/, build/ and scripts/ are free. */
export const allowedAreas = {
  shared: [],
  renderer: ['shared'],
  addin: ['shared'],
  electron: ['shared'],
};

/** What each area should do instead of importing a forbidden one. */
const areaAdvice = {
  shared: 'shared/ is platform-free: move what both sides need into shared/, or pass it in as an argument.',
  renderer: 'the renderer talks to the companion only through the typed API contract in shared/.',
  addin: 'the add-in talks to the companion only through the typed API contract in shared/.',
  electron: 'the companion shares code with the UI only through shared/.',
};

/** The layers inside electron/, lowest first, and the layers each may import (besides itself). */
const pipeline = ['core', 'crm', 'sync'];
const edges = ['intake', 'notices', 'config'];
export const electronLayers = {
  core: pipeline,
  crm: pipeline,
  sync: pipeline,
  intake: pipeline,
  notices: pipeline,
  config: pipeline,
  companion: [...pipeline, ...edges],
  server: [...pipeline, ...edges, 'companion'],
  // The headless front door starts the HTTPS server as the desktop app does: cli/ sits above server/.
  cli: [...pipeline, ...edges, 'companion', 'server'],
  app: [...pipeline, ...edges, 'companion', 'server'],
};

/** What a layer should do instead of importing one above or beside it. */
const layerAdvice = {
  core: 'the pipeline layer (core/, crm/, sync/) is called from above: take what it needs as a parameter or a port type declared in the pipeline layer.',
  intake:
    'intake/, notices/ and config/ stand side by side on the pipeline layer: declare the type you need here and let electron/companion/ connect the two.',
  companion:
    'electron/companion/ assembles the parts below it; the server, the CLI and the app call it, not the other way round.',
  server: 'server/ serves electron/companion/; the CLI and the app start it, not the other way round.',
  cli: 'cli/ is a front door like electron/app/: nothing below imports it; move the shared part into companion/ or below.',
  app: 'electron/app/ is the top: nothing below imports it; move the shared part into companion/ or below.',
};
layerAdvice.crm = layerAdvice.core;
layerAdvice.sync = layerAdvice.core;
layerAdvice.notices = layerAdvice.intake;
layerAdvice.config = layerAdvice.intake;

const isTest = (file) => file.startsWith('test/');
const under =
  (...folders) =>
  (file) =>
    isTest(file) || folders.some((folder) => file.startsWith(folder));

/** Packages that only some files may import, with what to do instead. Tests may import them all. */
const packageRules = [
  {
    name: 'electron',
    allowed: (file) => file.startsWith('electron/app/'),
    message: "Only electron/app/ imports 'electron'; put platform-free code in electron/core or shared/.",
  },
  {
    // electron-store 12 needs the Node 22 that Electron ships: anywhere else it breaks the CLI on Node 20.
    name: 'electron-store',
    allowed: (file) => file.startsWith('electron/app/'),
    message:
      "Only electron/app/ imports 'electron-store' (it needs Electron's Node); the companion keeps its own settings in electron/companion/.",
  },
  {
    name: 'mailparser',
    allowed: (file) => file === 'electron/core/parse-mime.ts',
    message: 'Only electron/core/parse-mime.ts imports mailparser; use parseMime() and ParsedMessage.',
  },
  {
    name: 'imapflow',
    allowed: under('electron/intake/'),
    message: 'Only electron/intake/ imports imapflow; the IMAP intake hands the pipeline raw bytes.',
  },
  {
    name: 'better-sqlite3',
    allowed: under('electron/crm/local/'),
    message: 'Only electron/crm/local/ imports better-sqlite3; use the LocalStore or the local CrmBackend.',
  },
  {
    name: 'pg',
    allowed: under('electron/crm/postgres/'),
    message: "Only electron/crm/postgres/ imports 'pg'; use the CrmBackend port.",
  },
  {
    name: 'nodemailer',
    allowed: under('electron/notices/'),
    message: 'Only electron/notices/ imports nodemailer; queue a notice and let the notice sender send it.',
  },
  {
    name: '@hubspot/api-client',
    allowed: under('electron/crm/hubspot/'),
    message: 'Only electron/crm/hubspot/ imports @hubspot/api-client; use the CrmBackend port.',
  },
  {
    name: 'fastify',
    allowed: under('electron/server/'),
    message: 'Only electron/server/ imports fastify; other layers call electron/companion/.',
  },
  {
    name: 'react',
    allowed: under('renderer/', 'addin/'),
    message: 'Only renderer/ and addin/ import react; the companion sends data, not components.',
  },
  {
    name: '@fluentui/',
    allowed: under('renderer/', 'addin/'),
    message: 'Only renderer/ and addin/ import @fluentui; the companion sends data, not components.',
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

function packageRule(source) {
  const name = packageName(source);
  return packageRules.find((rule) =>
    rule.name.endsWith('/') ? name.startsWith(rule.name) : rule.name === name,
  );
}

/** The layer of a path inside electron/: its first folder; electron/cli.ts is the CLI. Undefined outside. */
function electronLayer(file) {
  const parts = file.split('/');
  if (parts[0] !== 'electron') {
    return undefined;
  }
  if (parts.length === 2) {
    return parts[1] === 'cli.ts' ? 'cli' : parts[1];
  }
  return parts[1];
}

export const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'The dependency rule of docs/architecture.md' },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const area = file.split('/')[0];
    const layer = electronLayer(file);

    function checkRelative(node, target) {
      const targetArea = target.split('/')[0];
      if (target.startsWith('electron/app/') && !file.startsWith('electron/app/') && !isTest(file)) {
        context.report({
          node,
          message: `${file.startsWith('electron/') ? `electron/${layer}/` : `${area}/`} may not import from electron/app/: ${layerAdvice.app} ${see}`,
        });
        return;
      }
      const allowed = allowedAreas[area];
      if (allowed && targetArea !== area && !allowed.includes(targetArea)) {
        context.report({
          node,
          message: `${area}/ may not import from ${targetArea}/: ${areaAdvice[area]} ${see}`,
        });
        return;
      }
      const targetLayer = electronLayer(target);
      if (layer === undefined || targetLayer === undefined || targetLayer === layer) {
        return;
      }
      const layerAllowed = electronLayers[layer];
      if (layerAllowed === undefined) {
        context.report({
          node,
          message: `electron/${layer}/ is not a layer of the dependency rule: add it to build/lint/import-boundaries.js and docs/architecture.md, or move the file into an existing layer. ${see}`,
        });
        return;
      }
      if (!layerAllowed.includes(targetLayer)) {
        context.report({
          node,
          message: `electron/${layer}/ may not import from electron/${targetLayer}/: ${layerAdvice[layer]} ${see}`,
        });
      }
    }

    function check(node, source) {
      if (typeof source !== 'string') {
        return;
      }
      if (source.startsWith('.')) {
        const target = path
          .relative(root, path.resolve(path.dirname(context.filename), source))
          .split(path.sep)
          .join('/');
        checkRelative(node, target);
        return;
      }
      if (nodeOnlyAreas.has(area) && isNodeBuiltin(source)) {
        context.report({
          node,
          message: `${area}/ runs outside Node: no Node built-in '${source}'; take the data as an argument or use a web API. ${see}`,
        });
        return;
      }
      const rule = packageRule(source);
      if (rule && !rule.allowed(file)) {
        context.report({ node, message: `${rule.message} ${see}` });
      }
    }

    return {
      ImportDeclaration(node) {
        check(node, node.source.value);
        const importsIpcMain = node.specifiers.some(
          (specifier) => specifier.type === 'ImportSpecifier' && specifier.imported.name === 'ipcMain',
        );
        if (node.source.value === 'electron' && importsIpcMain && file !== 'electron/app/ipc-main.ts') {
          context.report({
            node,
            message: `Only electron/app/ipc-main.ts uses ipcMain: it checks every sender; add a handler there. ${see}`,
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
      TSImportType(node) {
        const literal = node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument;
        if (literal?.type === 'Literal') {
          check(node, literal.value);
        }
      },
    };
  },
};
