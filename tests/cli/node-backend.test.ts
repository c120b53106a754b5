// The value of `--threads N|auto` (train, verify, bench): a whole number from 1 to 64, or auto (the
// cores, at most 64); anything else is an error that names the flag. The commands that take it:
// threads.integration.test.ts.
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { MAX_THREADS, threadsOf } from '../../src/cli/node-backend';

describe('threadsOf', () => {
  it('parses a whole number in [1, 64] or auto', () => {
    expect(threadsOf(undefined)).toBe(1);
    expect(threadsOf('3')).toBe(3);
    expect(threadsOf(' 64 ')).toBe(64);
    expect(threadsOf('AUTO')).toBe(Math.min(MAX_THREADS, availableParallelism()));
    for (const bad of ['0', '65', '2.5', '-1', 'two', '', '1e1', true] as const)
      expect(() => threadsOf(bad), String(bad)).toThrow(/--threads .*must be a whole number from 1 to 64, or auto/);
  });
});
