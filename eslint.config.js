// Lint settings. The import-boundary rule is the dependency rule of docs/architecture.md (build/lint/).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { importBoundaries } from './build/lint/import-boundaries.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.tsbuild/**',
      '.bench/**',
      '.tmp/**',
      'dist/**',
      'renderer/dist/**',
      'addin/dist/**',
      'test/artifacts/**',
      'coverage/**',
      '**/*.tmp.ts',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { local: { rules: { 'import-boundaries': importBoundaries } } },
    rules: {
      'local/import-boundaries': 'error',
      curly: ['error', 'all'],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        ...['it', 'describe', 'test'].flatMap((object) =>
          ['only', 'skip', 'todo'].map((property) => ({
            object,
            property,
            message: 'Tests run in full: make it pass, or delete it and say why.',
          })),
        ),
      ],
    },
  },
  {
    // The companion logs through a logger; only the CLI and scripts write to the console.
    files: ['shared/**', 'electron/**', 'renderer/**', 'addin/**'],
    ignores: ['electron/cli.ts', 'electron/cli/**'],
    rules: { 'no-console': 'error' },
  },
);
