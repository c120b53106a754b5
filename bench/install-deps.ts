// The bench package's own dependencies (TF.js, jax-js: bench/package.json, pinned exactly and
// locked by bench/package-lock.json) are not part of the product's `npm ci`. `npm run bench:peers`
// and `npm run bench:check` install them into bench/node_modules with `npm ci` when one is missing
// or at another version. Run as a script (`tsx bench/install-deps.ts`), it does just that.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

function readJson(file: string): Readonly<Record<string, unknown>> {
  const v: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof v !== 'object' || v === null) throw new TypeError(`${file}: not a JSON object`);
  return v as Readonly<Record<string, unknown>>;
}

/** The version of `name` installed in `dir`/node_modules, or undefined. */
export function installedVersion(dir: string, name: string): string | undefined {
  const file = join(dir, 'node_modules', name, 'package.json');
  if (!existsSync(file)) return undefined;
  const { version } = readJson(file);
  return typeof version === 'string' ? version : undefined;
}

/** `name@version` of each dependency in `dir`/package.json that is not installed at that version. */
export function missingDependencies(dir: string): string[] {
  const deps = readJson(join(dir, 'package.json')).dependencies ?? {};
  if (typeof deps !== 'object' || deps === null) throw new TypeError(`${dir}/package.json: dependencies must be an object`);
  return Object.entries(deps).flatMap(([name, version]) =>
    typeof version === 'string' && installedVersion(dir, name) === version ? [] : [`${name}@${String(version)}`],
  );
}

/** Runs `npm ci` in `dir` when a dependency is missing (npm's output goes to stderr); throws if it fails. */
export function installDependencies(dir: string, log: (line: string) => void): void {
  const missing = missingDependencies(dir);
  if (!missing.length) return;
  log(`installing the bench package's dependencies (${missing.join(', ')}) with npm ci in ${dir} …`);
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: ['ignore', 2, 2] });
  if (npm.error) throw npm.error;
  if (npm.status !== 0) throw new Error(`npm ci in ${dir} exited with ${npm.status ?? npm.signal}`);
  const still = missingDependencies(dir);
  if (still.length) throw new Error(`npm ci in ${dir} left ${still.join(', ')} missing`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) installDependencies(import.meta.dirname, (line) => console.error(line));
