// ESLint (flat config): @eslint/js and typescript-eslint's type-checked rules everywhere, React's
// hook rules for the page. Formatting is Prettier's job (`npm run format`), not ESLint's.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import i18next from 'eslint-plugin-i18next';
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
  // the page's words come from the catalogs (src/ui/i18n): no user-visible string literal in JSX —
  // neither text nor the attributes people read (aria-label, title, placeholder, alt, …). Symbols,
  // numbers and ALL-CAPS tokens pass (the plugin's defaults), and so do the few names below.
  {
    files: ['src/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': {
            include: [
              'aria-label',
              'aria-valuetext',
              'aria-description',
              'aria-roledescription',
              'title',
              'placeholder',
              'alt',
              'label',
              'topic',
              'help',
            ],
          },
          words: {
            exclude: [
              '[0-9!-/:-@[-`{-~\\s×↺≈—…·±√]+',
              '[A-Z_-]+',
              // the product's name and symbols read the same in every language
              'Dropout Lab',
              'T',
              'x',
              'y',
            ],
          },
        },
      ],
    },
  },
  // …and none in the page's modules either (texts built outside JSX: toggletips, tour steps,
  // captions, notices): a string of three or more words is prose, and prose lives in the catalogs.
  // Class names and console output are not read by people.
  {
    files: ['src/ui/**/*.ts', 'src/ui/**/*.tsx'],
    ignores: ['src/ui/i18n/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            ":not(JSXAttribute[name.name='className']):not(CallExpression[callee.object.name='console']) > Literal[value=/[A-Za-z]{2,}[,:;]? [a-z]{2,}[,:;]? [a-z]{2,}/]",
          message: 'Text for people belongs in the catalogs (src/ui/i18n/en.json and zh-CN.json): use t(key) or a message key.',
        },
        {
          selector: 'TemplateElement[value.raw=/[A-Za-z]{2,}[,:;]? [a-z]{2,}[,:;]? [a-z]{2,}/]',
          message: 'Text for people belongs in the catalogs (src/ui/i18n/en.json and zh-CN.json): use t(key) or a message key.',
        },
      ],
    },
  },
);
