import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import checkFile from 'eslint-plugin-check-file';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layers, by folder. An import goes only downwards:
 *   shared ← server            (Node side)
 *   shared ← lib ← components ← features ← app   (the SPA; src/main.tsx is the app's entry)
 * Each feature stands alone: features never import each other; the app composes them.
 * The SPA never imports server code.
 */
const SPA = ['./src/lib', './src/components', './src/features', './src/app', './src/main.tsx'];
const features = readdirSync('src/features', { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const layerZones = [
  {
    target: './src/shared',
    from: ['./src/server', ...SPA],
    message: 'src/shared is the bottom layer: it imports nothing of the app or the server.',
  },
  { target: './src/server', from: SPA, message: 'The server imports only src/shared and itself.' },
  {
    target: SPA,
    from: './src/server',
    message: 'The SPA never imports server code (it would ship Node code and secrets logic to the browser).',
  },
  {
    target: './src/lib',
    from: ['./src/components', './src/features', './src/app', './src/main.tsx'],
    message: 'src/lib imports only src/shared and itself.',
  },
  {
    target: './src/components',
    from: ['./src/features', './src/app', './src/main.tsx'],
    message: 'src/components imports only src/lib, src/shared and itself.',
  },
  {
    target: './src/features',
    from: ['./src/app', './src/main.tsx'],
    message: 'Features do not import the app; the app composes them.',
  },
  ...features.map((name) => ({
    target: `./src/features/${name}`,
    from: './src/features',
    except: [`./${name}`],
    message:
      'Features do not import each other: move what both need to src/lib or src/shared, or compose them in src/app.',
  })),
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { 'import-x': importX, 'check-file': checkFile },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'import-x/no-cycle': 'error',
      'check-file/filename-naming-convention': [
        'error',
        { '**/*.{ts,tsx,js,mjs,cjs}': 'KEBAB_CASE' },
        { ignoreMiddleExtensions: true },
      ],
      'check-file/folder-naming-convention': ['error', { '{src,e2e,test,scripts}/**/': 'KEBAB_CASE' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/server/**', 'src/bench/**'],
    plugins: { 'react-hooks': reactHooks, '@tanstack/query': pluginQuery },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...pluginQuery.configs.recommended.rules,
      // The SPA runs in the browser: no Node built-ins.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The SPA runs in the browser: no Node built-ins.' },
            { group: ['**/server/**'], message: 'The SPA must not import server code.' },
          ],
        },
      ],
    },
  },
);
