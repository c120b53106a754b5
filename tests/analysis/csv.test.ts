import { describe, expect, it } from 'vitest';
import {
  CHART_X_RANGE,
  COORDINATE_LIMIT,
  MAX_CSV_BYTES,
  MAX_CSV_POINTS,
  csvSizeProblem,
  formatCsvErrors,
  parseCsvPoints,
  utf8BytesUpTo,
} from '../../src/analysis/csv';
import { GRID_RANGE } from '../../src/experiment/runner';
import { SCHEMA } from '../../src/experiment/settings';

describe('CSV points', () => {
  it('keeps every valid row and reports bad rows with line number and reason', () => {
    const text = ['x,y', '0.1,0.2', '', '0.3, abc', '0.5,0.6,0.7', '# a comment', '-1e-1 ; 2', 'oops', '.5,-.25', 'NaN,1'].join('\n');
    const r = parseCsvPoints(text);
    expect(r.header).toBe('x,y');
    expect(r.x).toEqual([0.1, -0.1, 0.5]);
    expect(r.y).toEqual([0.2, 2, -0.25]);
    expect(r.errors.map((e) => e.line)).toEqual([4, 5, 8, 10]);
    expect(formatCsvErrors(r)).toEqual([
      'line 4: y "abc" is not a finite number',
      'line 5: expected 2 values (x,y), found 3',
      'line 8: expected 2 values (x,y), found 1',
      'line 10: x "NaN" is not a finite number',
    ]);
  });
  it('accepts tabs, spaces and CRLF; no header when the first row is data', () => {
    const r = parseCsvPoints('1\t2\r\n3 4\r\n');
    expect(r.header).toBeNull();
    expect(r.x).toEqual([1, 3]);
    expect(r.y).toEqual([2, 4]);
    expect(r.errors).toEqual([]);
  });
  it('a header-like row after data is an error, and the point limit is reported', () => {
    const r = parseCsvPoints('1,2\nx,y\n3,4\n5,6', { maxPoints: 2 });
    expect(r.x).toEqual([1, 3]);
    expect(r.errors.map((e) => [e.line, e.reason])).toEqual([
      [2, 'x "x" is not a finite number'],
      [4, 'more than 2 points; row ignored'],
    ]);
  });
});

describe('CSV bounds', () => {
  it('its limits are the schema’s point maximum and the chart’s x range', () => {
    expect(MAX_CSV_POINTS).toBe(SCHEMA.points.max);
    expect(CHART_X_RANGE).toEqual(GRID_RANGE);
  });

  it('a text over the byte cap is refused by its size, unread', () => {
    const row = '0.5,0.25\n';
    const big = row.repeat(Math.ceil((10 * 1024 * 1024) / row.length));
    const r = parseCsvPoints(big);
    expect(r.refused).toBe('The text is 10.0 MB; at most 64 KB (about 500 rows) is read. Nothing was read: paste at most 500 rows.');
    expect(r.x).toEqual([]);
    expect(r.errors).toEqual([]);
    // exactly at the cap is read; one byte more is not (multi-byte characters count as UTF-8)
    const atCap = '#'.repeat(MAX_CSV_BYTES - 7) + '\n1,2\n3,4';
    expect(atCap.length).toBe(MAX_CSV_BYTES + 1);
    expect(csvSizeProblem(atCap.slice(1))).toBeNull();
    expect(csvSizeProblem(atCap)).not.toBeNull();
    expect(utf8BytesUpTo('é€😀', 100)).toBe(2 + 3 + 4);
    expect(csvSizeProblem('é'.repeat(MAX_CSV_BYTES / 2 + 1))).not.toBeNull();
  });

  it('lists at most 20 errors and counts the rest', () => {
    const r = parseCsvPoints(Array.from({ length: 1000 }, (_, i) => `bad${i}`).join('\n'));
    expect(r.errors).toHaveLength(20);
    expect(r.moreErrors).toBe(980);
    const lines = formatCsvErrors(r);
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe('… and 980 more');
    expect(lines[0]).toBe('line 1: expected 2 values (x,y), found 1');
  });

  it('keeps the first 500 points of a longer text and says the rest were ignored', () => {
    const r = parseCsvPoints(Array.from({ length: 600 }, (_, i) => `${i / 1000},${i}`).join('\n'));
    expect(r.x).toHaveLength(500);
    expect(r.x[499]).toBe(0.499);
    expect(r.errors[0]).toMatchObject({ line: 501, reason: 'more than 500 points; row ignored' });
    expect(r.errors.length + r.moreErrors).toBe(100);
  });

  it('refuses coordinates outside ±1000 and other number notations; warns about x outside the chart', () => {
    const r = parseCsvPoints(['0.1,0.2', '1e3,2', '1001,0', '0,-1e4', '0x10,1', 'Infinity,1', '0.5,3.5e38', '2,1', '-1.1,0'].join('\n'));
    expect(r.x).toEqual([0.1, 1000, 2, -1.1]);
    expect(formatCsvErrors(r)).toEqual([
      `line 3: x = 1001 is outside ±${COORDINATE_LIMIT}; rescale the data`,
      'line 4: y = -1e4 is outside ±1000; rescale the data',
      'line 5: x "0x10" is not a finite number',
      'line 6: x "Infinity" is not a finite number',
      'line 7: y = 3.5e38 is outside ±1000; rescale the data',
    ]);
    expect(r.warning).toBe(
      "2 points lie outside the chart's x range [-1.1, 1.1] (first: line 2, x = 1000): they are trained on but not drawn, and data far outside the range the nets were made for can make them diverge.",
    );
    expect(parseCsvPoints('1,2\n-1,0').warning).toBeNull();
  });

  it('cuts long rows in errors', () => {
    const r = parseCsvPoints(`${'z'.repeat(5000)},1`);
    expect(r.errors[0].text.length).toBeLessThanOrEqual(61);
    expect(r.errors[0].reason.length).toBeLessThan(100);
  });
});
