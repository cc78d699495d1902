import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Which layer may import what (ARCHITECTURE.md): renderer -> shared; electron -> shared;
// shared -> nothing of either. Only the Electron entry files import 'electron'.
const nodeBuiltinNames = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'net',
  'url',
  'util',
  'events',
  'stream',
  'zlib',
  'worker_threads',
  'buffer',
];
const nodeBuiltins = (message) => nodeBuiltinNames.map((name) => ({ name, message }));
const electronOnlyIn = ['electron/main.ts', 'electron/preload.ts', 'electron/electron-print.ts'];

const noElectron = {
  name: 'electron',
  message: 'Only electron/main.ts and electron/preload.ts may import electron: keep the rest plain Node.',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'release/**', 'test-results/**', 'playwright-report/**', '**/*.cjs', 'scripts/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-restricted-imports': ['error', { paths: [noElectron] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...nodeBuiltins('shared/ runs in the renderer too: no Node APIs.')],
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ is the pure layer: it imports nothing from electron/ or renderer/.',
            },
            { group: ['node:*'], message: 'shared/ runs in the renderer too: no Node APIs.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Buffer', message: 'shared/ has no Node: use Uint8Array.' },
        { name: 'window', message: 'shared/ has no DOM.' },
        { name: 'document', message: 'shared/ has no DOM.' },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...nodeBuiltins('The renderer has no Node APIs.')],
          patterns: [
            { group: ['**/electron/**'], message: 'The renderer talks to the Node side only through the API client.' },
            { group: ['node:*'], message: 'The renderer has no Node APIs.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: electronOnlyIn,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron], patterns: [{ group: ['**/renderer/**'], message: 'electron/ must not import the renderer.' }] },
      ],
    },
  },
  {
    files: electronOnlyIn,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'electron/ must not import the renderer.' }] }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
