// Property tests of the CSV parser (fast-check): for any text, huge ones included, the output is
// bounded (≤ 500 points, ≤ 20 listed errors, short row excerpts) and a text over the byte cap is
// refused unread; coordinates kept are finite and within ±COORDINATE_LIMIT.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COORDINATE_LIMIT, MAX_CSV_BYTES, MAX_CSV_POINTS, parseCsvPoints } from '../../src/analysis/csv';
import { MAX_LISTED } from '../../src/analysis/limited-list';

export const CSV_RUNS = 2_000;

const row = fc.oneof(
  fc.tuple(fc.double(), fc.double()).map(([x, y]) => `${x},${y}`),
  fc.tuple(fc.integer({ min: -2000, max: 2000 }), fc.integer({ min: -2000, max: 2000 })).map(([x, y]) => `${x / 1000}\t${y / 1000}`),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('x,y', '# comment', '', '1,2,3', '0x10,1', 'Infinity,1', '1e3,2', '3.5e38,1'),
);
const text = fc.oneof(
  fc.array(row, { maxLength: 700 }).map((rows) => rows.join('\n')),
  fc.string({ maxLength: 2000 }),
  // huge: a row repeated far past the cap
  fc.tuple(row, fc.integer({ min: 1, max: 200_000 })).map(([r, n]) => `${r}\n`.repeat(n)),
);

describe('CSV parsing, for any text', () => {
  it(`gives bounded output and refuses what is over the cap (${CSV_RUNS} cases)`, () => {
    let slowest = 0;
    fc.assert(
      fc.property(text, (t) => {
        const t0 = performance.now();
        const r = parseCsvPoints(t);
        slowest = Math.max(slowest, performance.now() - t0);
        expect(r.x.length).toBe(r.y.length);
        expect(r.x.length).toBeLessThanOrEqual(MAX_CSV_POINTS);
        expect(r.errors.length).toBeLessThanOrEqual(MAX_LISTED);
        for (const e of r.errors) expect(e.text.length).toBeLessThanOrEqual(61);
        for (const v of [...r.x, ...r.y]) expect(Number.isFinite(v) && Math.abs(v) <= COORDINATE_LIMIT).toBe(true);
        if (t.length > MAX_CSV_BYTES) {
          expect(r.refused).not.toBeNull();
          expect(r.x).toEqual([]);
          expect(r.errors).toEqual([]);
        }
      }),
      { numRuns: CSV_RUNS },
    );
    console.log(`csv property: slowest parse ${slowest.toFixed(1)} ms`);
  }, 60_000);
});
