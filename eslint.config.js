// @ts-check
/**
 * Lint with type information, and enforce the import arrows of design.md §2:
 *   renderer → electron/ipc/contract (types only)
 *   electron/main, electron/host → electron/services → hardware
 *   hardware imports nothing of ours above it.
 * A wrong import fails `npm run lint` and so CI.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto', 'stream'];

/** @param {{ paths?: Array<{name: string, message: string}>, patterns: Array<{group: string[], message: string, allowTypeImports?: boolean}> }} rule */
const restrict = (rule) => ({ '@typescript-eslint/no-restricted-imports': ['error', rule] });

export default tseslint.config(
  {
    ignores: ['dist/**', 'release/**', 'node_modules/**', '.kiosk-data/**', 'coverage/**', 'eslint.config.js'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='ipcMain'][callee.property.name=/^(handle|on|once|handleOnce)$/]",
          message: 'Register IPC only through electron/main/ipc-main.ts (sender checks, schemas; R-E6).',
        },
        {
          selector: "MemberExpression[property.name='openExternal']",
          message: 'shell.openExternal is not allowed in the kiosk (R-E4).',
        },
      ],
    },
  },
  {
    files: ['electron/main/ipc-main.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['hardware/**/*.ts'],
    ignores: ['hardware/cli/**', 'hardware/simulators/**/cli.ts', 'hardware/simulators/serial-cli.ts'],
    rules: restrict({
      paths: [{ name: 'electron', message: 'hardware/ is plain Node: no Electron.' }],
      patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'hardware/ imports nothing of ours above it (design.md §2).' }],
    }),
  },
  {
    files: ['hardware/cli/**', 'hardware/simulators/**/cli.ts', 'hardware/simulators/serial-cli.ts'],
    rules: {
      'no-console': 'off',
      ...restrict({
        paths: [{ name: 'electron', message: 'hardware/ is plain Node: no Electron.' }],
        patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'hardware/ imports nothing of ours above it (design.md §2).' }],
      }),
    },
  },
  {
    files: ['electron/services/**/*.ts'],
    rules: restrict({
      paths: [{ name: 'electron', message: 'services are host-agnostic: no Electron import.' }],
      patterns: [
        { group: ['**/electron/main/**', '**/main/*', '**/electron/host/**', '**/host/*', '**/preload/*'], message: 'services must not import a host.' },
        { group: ['**/renderer/**'], message: 'services must not import the renderer.' },
      ],
    }),
  },
  {
    files: ['electron/ipc/contract.ts'],
    rules: restrict({
      paths: [{ name: 'electron', message: 'the contract imports nothing from Electron.' }],
      patterns: [
        { group: NODE_BUILTINS, message: 'the contract imports nothing from Node.' },
        { group: ['../*', '!./*'], message: 'the contract stands alone.' },
      ],
    }),
  },
  {
    files: ['electron/ipc/**/*.ts'],
    ignores: ['electron/ipc/contract.ts'],
    rules: restrict({
      paths: [{ name: 'electron', message: 'the router is shared by both hosts: no Electron import.' }],
      patterns: [{ group: ['**/main/*', '**/host/*', '**/renderer/**', '**/hardware/**'], message: 'ipc/ sits between the hosts and the services.' }],
    }),
  },
  {
    files: ['electron/host/**/*.ts'],
    rules: restrict({
      paths: [{ name: 'electron', message: 'the web host runs without Electron.' }],
      patterns: [{ group: ['**/main/*', '**/preload/*', '**/renderer/**'], message: 'the web host uses services and ipc only.' }],
    }),
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: restrict({
      patterns: [{ group: ['**/host/*', '**/renderer/**'], message: 'main uses services and ipc only.' }],
    }),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict({
      patterns: [
        { group: ['**/services/**', '**/hardware/**', '**/renderer/**', '**/main/*', '**/host/*'], message: 'the preload exposes the contract only.' },
        { group: NODE_BUILTINS, message: 'sandboxed preloads have no Node built-ins.' },
      ],
    }),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: restrict({
      paths: [{ name: 'electron', message: 'the renderer is sandboxed: no Electron.' }],
      patterns: [
        { group: ['**/electron/ipc/*'], allowTypeImports: true, message: 'the renderer may import only types from the contract.' },
        { group: ['**/electron/**', '!**/electron/ipc/*'], message: 'the renderer talks to the core only through window.kiosk.' },
        { group: ['**/hardware/**'], message: 'the renderer never touches hardware.' },
        { group: NODE_BUILTINS, message: 'the renderer has no Node.' },
      ],
    }),
  },
  {
    files: ['scripts/**/*.ts', 'tests/**/*.ts', 'tests/**/*.tsx'],
    rules: { 'no-console': 'off' },
  },
);
