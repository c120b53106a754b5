// Where the PyTorch references live: GOLDEN_DIR, default ../shared/reference (next to the repo).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { GoldenFile } from '../../src/experiment/golden';

export const GOLDEN_DIR = resolve(process.env.GOLDEN_DIR ?? resolve(__dirname, '../../../shared/reference'));

export function goldenFileNames(): string[] {
  if (!existsSync(GOLDEN_DIR))
    throw new Error(`GOLDEN_DIR ${GOLDEN_DIR} does not exist: set GOLDEN_DIR to the folder holding golden_*.json`);
  const names = readdirSync(GOLDEN_DIR)
    .filter((f) => /^golden_.*\.json$/.test(f))
    .sort();
  if (names.length === 0) throw new Error(`no golden_*.json in ${GOLDEN_DIR}`);
  return names;
}

const cache = new Map<string, unknown>();
export function readReference<T>(name: string): T {
  if (!cache.has(name)) cache.set(name, JSON.parse(readFileSync(resolve(GOLDEN_DIR, name), 'utf8')));
  return cache.get(name) as T;
}

export function loadGolden(name: string): GoldenFile {
  return readReference<GoldenFile>(name);
}
