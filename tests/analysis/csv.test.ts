import { describe, expect, it } from 'vitest';
import { formatCsvErrors, parseCsvPoints } from '../../src/analysis/csv';

describe('CSV points', () => {
  it('keeps every valid row and reports bad rows with line number and reason', () => {
    const text = ['x,y', '0.1,0.2', '', '0.3, abc', '0.5,0.6,0.7', '# a comment', '-1e-1 ; 2', 'oops', '.5,-.25', 'NaN,1'].join('\n');
    const r = parseCsvPoints(text);
    expect(r.header).toBe('x,y');
    expect(r.x).toEqual([0.1, -0.1, 0.5]);
    expect(r.y).toEqual([0.2, 2, -0.25]);
    expect(r.errors.map((e) => e.line)).toEqual([4, 5, 8, 10]);
    expect(formatCsvErrors(r.errors)).toEqual([
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
