// Property tests of the URL state (fast-check): for any search and hash, parsing never throws,
// lists at most MAX_LISTED notices plus one "… and N more", and its canonical link is a fixed
// point: parse(build(parse(x))) == parse(x), and build of that is the same link again.
// fast-check prints the seed and the shrunk counterexample of a failure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LISTED } from '../../src/analysis/limited-list';
import { SCHEMA, SETTING_NAMES } from '../../src/experiment/settings';
import { buildLink, parseUrlState } from '../../src/ui/url-state';

/** Cases per run (the issue asks for at least 10,000). */
export const URL_RUNS = 10_000;

const numberText = fc.oneof(
  fc.double({ noDefaultInfinity: false }).map(String),
  fc.integer().map(String),
  fc.constantFrom('0x10', '0o7', '0b1', 'Infinity', '-Infinity', 'NaN', '', ' ', '1e999', '-0', '.5', '5.', '1e-3', '+2', '١٢'),
);
const choiceText = fc.constantFrom(
  ...SETTING_NAMES.flatMap((n) => (SCHEMA[n].kind === 'choice' ? [...SCHEMA[n].options] : [])),
  'VANILLA',
  'rmsprop',
);
const pointsText = fc
  .array(
    fc.oneof(
      fc
        .tuple(fc.double({ min: -1500, max: 1500, noNaN: true }), fc.double({ min: -1500, max: 1500, noNaN: true }))
        .map(([x, y]) => `${x},${y}`),
      fc.string({ maxLength: 12 }),
    ),
    { maxLength: 12 },
  )
  .map((p) => p.join(';'));
const key = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SETTING_NAMES) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('backend', 'pts', 'tour', 'testHooks', 'toString', '__proto__', 'constructor', 'hasOwnProperty'),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
);
const value = fc.oneof(
  numberText,
  choiceText,
  pointsText,
  fc.constantFrom('auto', 'cpu', 'webgpu', 'tpu', '1', '6', '7', '0'),
  fc.string({ maxLength: 20 }),
);
const pairs = fc.array(fc.tuple(key, value), { maxLength: 12 });
const encode = (kv: [string, string][], raw: boolean): string =>
  kv.map(([k, v]) => (raw ? `${k}=${v}` : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)).join('&');
const search = fc.oneof(
  fc.tuple(pairs, fc.boolean()).map(([kv, raw]) => `?${encode(kv, raw)}`),
  fc.string({ maxLength: 200 }),
  fc.constant(''),
);
const hash = fc.oneof(
  fc.constant(''),
  pointsText.map((p) => `#pts=${p}`),
  fc.tuple(pairs, fc.boolean()).map(([kv, raw]) => `#${encode(kv, raw)}`),
  fc.string({ maxLength: 100 }).map((s) => `#${s}`),
);

const SORTED_NAMES = [...SETTING_NAMES].sort();
/** deep equality that tells -0 from 0 (a -0 setting once broke the round trip) */
const exact = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (Object.is(x, -0) ? '-0' : x));
const same = (a: unknown, b: unknown): boolean => exact(a) === exact(b);
function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

function split(link: string): [string, string] {
  const cut = link.indexOf('#');
  return cut < 0 ? [link, ''] : [link.slice(0, cut), link.slice(cut)];
}

describe('URL state, for any search and hash', () => {
  it(`never throws, lists at most ${MAX_LISTED} notices + "… and N more", and its canonical link is a fixed point (${URL_RUNS} cases)`, () => {
    fc.assert(
      fc.property(search, hash, (q, h) => {
        // plain checks (fast), each a message naming what broke; fast-check adds the seed and counterexample
        const first = parseUrlState(q, h);
        check(first.notices.length <= MAX_LISTED + 1, `${first.notices.length} notice lines`);
        const link = buildLink(first.settings, first.backend, first.points, first.tour ?? null);
        const again = parseUrlState(...split(link));
        check(same(again.settings, first.settings), `settings changed: ${JSON.stringify([first.settings, again.settings])}`);
        check(again.backend === first.backend, 'backend changed');
        check(again.tour === first.tour, 'tour step changed');
        check(first.tour === undefined || (Number.isInteger(first.tour) && first.tour >= 1 && first.tour <= 6), `tour ${first.tour}`);
        check(same(again.points, first.points), 'points changed');
        // a canonical link re-parses clean; only the points' own warning (x outside the chart) remains
        check(
          same(again.notices, again.pointWarning === null ? [] : [again.pointWarning]),
          `notices on the canonical link: ${again.notices.join(' | ')}`,
        );
        check((again.pointWarning === null) === (first.pointWarning === null), 'point warning changed');
        check(buildLink(again.settings, again.backend, again.points, again.tour ?? null) === link, 'canonical link is not a fixed point');
        // nothing but the schema's settings reaches the settings object
        check(same(Object.keys(first.settings).sort(), SORTED_NAMES), `settings keys ${Object.keys(first.settings).join(',')}`);
      }),
      { numRuns: URL_RUNS },
    );
  }, 60_000);

  it('many parameters or points stay bounded (50 cases of up to 3,000 entries)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { minLength: 500, maxLength: 3000 }), (kv) => {
        const s = parseUrlState(`?${encode(kv, false)}`, `#${encode(kv, true)}`);
        expect(s.notices.length).toBeLessThanOrEqual(MAX_LISTED + 1);
        expect(s.points === null || s.points.x.length <= 500).toBe(true);
      }),
      { numRuns: 50 },
    );
  }, 60_000);
});
