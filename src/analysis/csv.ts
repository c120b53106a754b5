// Own data from pasted CSV: "x,y" per line (comma, semicolon, tab or spaces). Bad rows are
// reported with their line number and reason; every valid row is kept. Everything is bounded
// before any work: the text by its size (refused whole above MAX_CSV_BYTES), the points by the
// schema's maximum, the listed errors by MAX_LISTED, and each coordinate by COORDINATE_LIMIT.

import { parseDecimal } from './decimal';
import { LimitedList, MAX_LISTED } from './limited-list';

export interface CsvError {
  /** 1-based line number in the pasted text */
  readonly line: number;
  /** the row, cut to ROW_TEXT_CHARS */
  readonly text: string;
  readonly reason: string;
}

export interface CsvResult {
  readonly x: number[];
  readonly y: number[];
  /** the first MAX_LISTED problems */
  readonly errors: CsvError[];
  /** problems beyond those listed */
  readonly moreErrors: number;
  /** a first line that is a header ("x,y") and was skipped */
  readonly header: string | null;
  /** why the whole text was refused unread (its size), else null */
  readonly refused: string | null;
  /** points kept whose x lies outside the chart's range, else null */
  readonly warning: string | null;
}

/** The schema's maximum number of points (SCHEMA.points.max). */
export const MAX_CSV_POINTS = 500;
/**
 * Largest text read: 500 rows of two full-precision numbers take about 25 KB; 64 KB leaves room
 * for a header, comments and blanks. Anything larger is refused by its size before it is split.
 */
export const MAX_CSV_BYTES = 64 * 1024;
/**
 * Largest |coordinate| accepted. The nets see raw coordinates (the tutorial's are in [-1, 1]);
 * beyond ±1000 a squared error nears float32's range and training is meaningless, so such rows are
 * refused as errors instead of being blamed later as a divergence.
 */
export const COORDINATE_LIMIT = 1000;
/** x range the fit chart draws (GRID_RANGE of the runner); points outside it get a warning. */
export const CHART_X_RANGE = [-1.1, 1.1] as const;
/** characters of a bad row repeated in its error */
const ROW_TEXT_CHARS = 60;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** UTF-8 size of `text`, counted only up to `limit + 1` (so a 10 MB text costs nothing). */
export function utf8BytesUpTo(text: string, limit: number): number {
  if (text.length > limit) return text.length; // every UTF-16 unit is at least one UTF-8 byte
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The plain-words refusal of a text over `maxBytes`, or null when its size is fine. */
export function csvSizeProblem(text: string, maxBytes = MAX_CSV_BYTES): string | null {
  return sizeRefusal(utf8BytesUpTo(text, maxBytes), maxBytes);
}

/** The refusal of a text of `bytes` (at least), or null when it is within `maxBytes`. */
export function sizeRefusal(bytes: number, maxBytes = MAX_CSV_BYTES): string | null {
  if (bytes <= maxBytes) return null;
  return `The text is ${formatBytes(bytes)}; at most ${formatBytes(maxBytes)} (about ${MAX_CSV_POINTS} rows) is read. Nothing was read: paste at most ${MAX_CSV_POINTS} rows.`;
}

function cut(s: string): string {
  return s.length > ROW_TEXT_CHARS ? `${s.slice(0, ROW_TEXT_CHARS)}…` : s;
}

function splitFields(t: string): string[] {
  return t.includes(',') ? t.split(',') : t.includes(';') ? t.split(';') : t.includes('\t') ? t.split('\t') : t.split(/\s+/);
}

function coordinateProblem(name: 'x' | 'y', field: string, v: number | null): string | null {
  if (v === null) return `${name} "${cut(field.trim())}" is not a finite number`;
  if (Math.abs(v) > COORDINATE_LIMIT) return `${name} = ${field.trim()} is outside ±${COORDINATE_LIMIT}; rescale the data`;
  return null;
}

function outsideChartWarning(count: number, first: { line: number; x: number } | null, lineWord: string): string | null {
  if (count === 0 || first === null) return null;
  const [lo, hi] = CHART_X_RANGE;
  return (
    `${count} point${count === 1 ? '' : 's'} lie${count === 1 ? 's' : ''} outside the chart's x range [${lo}, ${hi}] (first: ${lineWord} ${first.line}, x = ${first.x}): ` +
    'they are trained on but not drawn, and data far outside the range the nets were made for can make them diverge.'
  );
}

export function parseCsvPoints(text: string, options: { maxPoints?: number; maxBytes?: number; lineWord?: string } = {}): CsvResult {
  const maxPoints = Math.min(options.maxPoints ?? MAX_CSV_POINTS, MAX_CSV_POINTS);
  const refused = csvSizeProblem(text, options.maxBytes);
  if (refused !== null) return { x: [], y: [], errors: [], moreErrors: 0, header: null, refused, warning: null };
  const x: number[] = [],
    y: number[] = [];
  const errors = new LimitedList<CsvError>(MAX_LISTED);
  let header: string | null = null;
  let outside = 0;
  let firstOutside: { line: number; x: number } | null = null;
  const lines = text.split(/\r\n|\n|\r/);
  let seenData = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = i + 1;
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) continue;
    const fields = splitFields(t);
    if (
      !seenData &&
      header === null &&
      fields.length === 2 &&
      fields.every((f) => parseDecimal(f) === null && /^[\s"']*[a-z_][\w\s"']*$/i.test(f))
    ) {
      header = cut(t);
      continue;
    }
    seenData = true;
    if (fields.length !== 2) {
      errors.add({ line, text: cut(raw), reason: `expected 2 values (x,y), found ${fields.length}` });
      continue;
    }
    const xv = parseDecimal(fields[0]);
    const yv = parseDecimal(fields[1]);
    const problem = coordinateProblem('x', fields[0], xv) ?? coordinateProblem('y', fields[1], yv);
    if (problem !== null || xv === null || yv === null) {
      errors.add({ line, text: cut(raw), reason: problem ?? 'not a point' });
      continue;
    }
    if (x.length >= maxPoints) {
      errors.add({ line, text: cut(raw), reason: `more than ${maxPoints} points; row ignored` });
      continue;
    }
    if (xv < CHART_X_RANGE[0] || xv > CHART_X_RANGE[1]) {
      outside++;
      firstOutside ??= { line, x: xv };
    }
    x.push(xv);
    y.push(yv);
  }
  return {
    x,
    y,
    errors: [...errors.items],
    moreErrors: errors.more,
    header,
    refused: null,
    warning: outsideChartWarning(outside, firstOutside, options.lineWord ?? 'line'),
  };
}

/** At most MAX_LISTED lines, then "… and N more". */
export function formatCsvErrors(result: Pick<CsvResult, 'errors' | 'moreErrors'>): string[] {
  const lines = result.errors.map((e) => `line ${e.line}: ${e.reason}`);
  if (result.moreErrors > 0) lines.push(`… and ${result.moreErrors.toLocaleString('en-US')} more`);
  return lines;
}
