// ESLint flat config for `npm run lint` (eslint --config build/eslint.config.js electron renderer e2e).
// Besides the usual recommended rules it enforces the architecture: the renderer reaches the backend only through
// the API types in electron/shared, electron/shared stays pure TypeScript, and no window weakens its sandbox.
import security from 'eslint-plugin-security';
import svelte from 'eslint-plugin-svelte';
import { defineConfig } from 'eslint/config';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import svelteConfig from '../renderer/svelte.config.js';

// ESLint's own recommended rules ("eslint:recommended"), taken from the rules' metadata so that @eslint/js,
// which ESLint 10 no longer installs, is not needed.
const eslintRecommended = Object.fromEntries(
  [...builtinRules].filter(([, rule]) => rule.meta?.docs?.recommended).map(([name]) => [name, 'error']),
);

const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));
const JS_AND_TS = '**/*.{js,mjs,cjs,ts,mts,cts}';

/** Node's modules (`fs`, `node:fs`, `fs/promises`, ...) for a no-restricted-imports rule. */
function forbidNodeBuiltins(message) {
  return {
    paths: NODE_BUILTINS.map((name) => ({ name, message })),
    patterns: [{ group: ['node:*'], message }],
  };
}

/** webPreferences that would undo the renderer's isolation; main.ts must never set them. */
const WEAKENED_WEB_PREFERENCES = [
  ['nodeIntegration', true],
  ['nodeIntegrationInSubFrames', true],
  ['nodeIntegrationInWorker', true],
  ['contextIsolation', false],
  ['sandbox', false],
  ['webSecurity', false],
  ['allowRunningInsecureContent', true],
  ['experimentalFeatures', true],
  ['webviewTag', true],
].map(([name, value]) => ({
  selector: `Property[key.name='${name}'][value.value=${value}]`,
  message: `${name}: ${value} weakens the renderer's sandbox; Parley's windows keep Electron's secure defaults.`,
}));

export default defineConfig(
  {
    ignores: ['build/out/**', 'build/release/**', 'build/native/**', 'node_modules/**', 'e2e/results/**'],
  },
  { files: [JS_AND_TS, '**/*.svelte'], rules: eslintRecommended },
  tseslint.configs.recommended,
  {
    rules: {
      // `_event` and the like: a parameter that must be there for the ones after it.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },

  // Everything outside the page runs in Node: the Electron main process, the core, the server, the CLI, the
  // scripts, the end-to-end tests, and the renderer's own build configuration.
  {
    files: ['electron/**/*.{ts,mjs}', 'e2e/**/*.ts', 'renderer/*.{js,ts}', 'build/*.js'],
    languageOptions: { globals: globals.node },
  },

  // The renderer: browser code, Svelte components with <script lang="ts">.
  svelte.configs.recommended,
  {
    files: ['renderer/src/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'], svelteConfig },
    },
  },
  {
    files: ['renderer/src/**'],
    ignores: ['**/*.test.ts'], // unit tests run in Node
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...forbidNodeBuiltins('The renderer runs in a sandboxed page: no Node modules.').paths,
            { name: 'electron', message: 'The renderer reaches Electron only through window.parleyBridge.' },
            { name: 'better-sqlite3', message: 'The renderer reaches the workspace only through the API.' },
          ],
          patterns: [
            ...forbidNodeBuiltins('The renderer runs in a sandboxed page: no Node modules.').patterns,
            { group: ['electron/*'], message: 'The renderer reaches Electron only through window.parleyBridge.' },
            {
              group: ['**/electron/core', '**/electron/core/**', '**/electron/main', '**/electron/main/**'],
              message: 'The renderer may import only electron/shared; everything else is reached through the API.',
            },
            {
              group: ['**/electron/server', '**/electron/server/**', '**/electron/cli', '**/electron/cli/**'],
              message: 'The renderer may import only electron/shared; everything else is reached through the API.',
            },
          ],
        },
      ],
    },
  },

  // electron/shared is imported by the renderer and every host, so it must stay plain TypeScript (its unit
  // tests excepted: they run in Node).
  {
    files: ['electron/shared/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...forbidNodeBuiltins('electron/shared is used by the renderer too: no Node modules.').paths,
            { name: 'electron', message: 'electron/shared is used by the renderer and the CLI: no Electron.' },
            { name: 'better-sqlite3', message: 'electron/shared holds types and pure functions only.' },
          ],
          patterns: [
            ...forbidNodeBuiltins('electron/shared is used by the renderer too: no Node modules.').patterns,
            { group: ['electron/*'], message: 'electron/shared is used by the renderer and the CLI: no Electron.' },
            {
              group: ['../core', '../core/**', '../main', '../main/**', '../server', '../server/**', '../cli', '../cli/**'],
              message: 'electron/shared must not depend on the hosts or the core.',
            },
          ],
        },
      ],
    },
  },

  // The Node side: eslint-plugin-security, minus two rules that are noise here. detect-object-injection flags
  // every `object[key]`, which typed code is full of. detect-non-literal-fs-filename flags every fs call with a
  // variable path, which is every fs call in an app that opens the files people choose; it stays on where a
  // path can come from the network (the browser-mode server), and traversal is checked in code
  // (electron/main/app-protocol.ts, the server's static files).
  {
    files: ['electron/**/*.{ts,mjs}'],
    ...security.configs.recommended,
    rules: {
      ...security.configs.recommended.rules,
      'security/detect-object-injection': 'off',
      'security/detect-non-literal-fs-filename': 'off',
    },
  },
  {
    files: ['electron/server/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'security/detect-non-literal-fs-filename': 'error' },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...WEAKENED_WEB_PREFERENCES,
        { selector: 'Property[key.name=/^enableRemoteModule$/]', message: 'The remote module is gone and must stay gone.' },
        {
          selector: "CallExpression[callee.property.name='loadFile']",
          message: 'Load the renderer from app://parley/ (APP_ENTRY_URL), never from file://.',
        },
      ],
    },
  },
);
