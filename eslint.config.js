import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'oclif.manifest.json', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core is pure: no CLI framework, prompts or terminal styling.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@oclif/*', '@inquirer/*', 'chalk'],
              message: 'src/core must not depend on the CLI layer.',
            },
            {
              group: ['**/commands/**', '**/runtime/**', '**/prompts/**', '**/adapters/**'],
              message: 'imports flow commands → core only; adapters are injected.',
            },
            {
              group: [
                'node:fs',
                'node:fs/*',
                'node:worker_threads',
                'node:child_process',
                'node:net',
                'node:http',
                'node:https',
                'node:readline',
              ],
              message: 'src/core does no I/O: reach files, threads and the network through a port.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/core never touches the process: take what it needs as input.' },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 600, skipBlankLines: false, skipComments: false }] },
  },
);
