// ESLint (flat config): @eslint/js and typescript-eslint's type-checked rules everywhere, React's
// hook rules for the page. Formatting is Prettier's job (`npm run format`), not ESLint's.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // generated or built files, and what .gitignore leaves out
  {
    ignores: [
      'dist/',
      'dist-bench/',
      'dist-bench-peers/',
      'test-results/',
      '.gpu/',
      'docs/',
      'public/',
      'src/**/*.gen.ts',
      '**/node_modules/',
      // needs the bench package's own dependencies (TF.js, jax-js): linted by bench/eslint.config.js
      'bench/peers/browser/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  // plain JavaScript (scripts/*.mjs, this file): no type information, Node's globals
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  // the page: React's hook rules, the React Compiler's checks among them
  {
    files: ['src/**/*.tsx', 'src/ui/**/*.ts'],
    extends: [reactHooks.configs.flat.recommended],
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);
