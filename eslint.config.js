// ESLint (flat config): JavaScript and typescript-eslint recommended rules, without the
// type-checked set (tsc --noEmit already runs in CI, and type-aware linting would double the
// time on a 2-core machine). Formatting is Prettier's job: eslint-config-prettier turns off
// every stylistic rule that could disagree with it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_`-prefixed names are deliberately unused (placeholders in destructuring, callbacks).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Nothing from an email may be evaluated; keep the obvious doors shut.
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // Binary formats (Word field codes, OLE streams) and text sanitising match control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  // The dashboard's browser scripts (served as they are, no bundler).
  { files: ['templates/web/assets/**/*.js'], languageOptions: { globals: { ...globals.browser } } },
  prettier,
);
