// ESLint for the bench package: the root's configuration, whose patterns now match from bench/, so
// bench/peers/browser/ (left out of the root's `npm run lint`: it needs TF.js and jax-js from
// bench/node_modules) can be linted, with types from bench/tsconfig.json. `npm --prefix bench run
// lint` lints just that folder; the root's run covers the rest of bench/.
import { defineConfig } from 'eslint/config';
import root from '../eslint.config.js';

export default defineConfig(root, {
  languageOptions: { parserOptions: { tsconfigRootDir: import.meta.dirname } },
});
