// `npm run bench:peers` installs the bench package's dependencies only when one is missing or at
// another version than bench/package.json pins.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installedVersion, missingDependencies } from '../install-deps';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function pkgDir(dependencies: Record<string, string>, installed: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-deps-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', dependencies }));
  for (const [name, version] of Object.entries(installed)) {
    mkdirSync(join(dir, 'node_modules', name), { recursive: true });
    writeFileSync(join(dir, 'node_modules', name, 'package.json'), JSON.stringify({ name, version }));
  }
  return dir;
}

describe('the bench package dependencies', () => {
  it('lists those missing or at another version, scoped names included', () => {
    const dir = pkgDir({ a: '1.0.0', '@s/b': '2.0.0', c: '3.0.0' }, { a: '1.0.0', c: '3.0.1' });
    expect(installedVersion(dir, 'c')).toBe('3.0.1');
    expect(installedVersion(dir, '@s/b')).toBeUndefined();
    expect(missingDependencies(dir)).toEqual(['@s/b@2.0.0', 'c@3.0.0']);
  });

  it('lists none when every pinned version is installed, or nothing is asked for', () => {
    expect(missingDependencies(pkgDir({ a: '1.0.0', '@s/b': '2.0.0' }, { a: '1.0.0', '@s/b': '2.0.0' }))).toEqual([]);
    expect(missingDependencies(pkgDir({}, {}))).toEqual([]);
  });
});
