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
              group: ['**/commands/**', '**/runtime/**', '**/prompts/**'],
              message: 'imports flow commands → core only.',
            },
          ],
        },
      ],
      'no-console': 'error',
    },
  },
);
