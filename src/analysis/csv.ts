// Own data from pasted CSV: "x,y" per line (comma, semicolon, tab or spaces). Bad rows are
// reported with their line number and reason; every valid row is kept.

export interface CsvError {
  /** 1-based line number in the pasted text */
  readonly line: number;
  readonly text: string;
  readonly reason: string;
}

export interface CsvResult {
  readonly x: number[];
  readonly y: number[];
  readonly errors: CsvError[];
  /** a first line that is a header ("x,y") and was skipped */
  readonly header: string | null;
}

export const MAX_CSV_POINTS = 500;

function parseNumber(s: string): number | null {
  const t = s.trim();
  if (t === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

export function parseCsvPoints(text: string, options: { maxPoints?: number } = {}): CsvResult {
  const maxPoints = options.maxPoints ?? MAX_CSV_POINTS;
  const x: number[] = [],
    y: number[] = [];
  const errors: CsvError[] = [];
  let header: string | null = null;
  const lines = text.split(/\r\n|\n|\r/);
  let seenData = false;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) return;
    const fields = t.includes(',') ? t.split(',') : t.includes(';') ? t.split(';') : t.includes('\t') ? t.split('\t') : t.split(/\s+/);
    if (
      !seenData &&
      header === null &&
      fields.length === 2 &&
      fields.every((f) => parseNumber(f) === null && /^[\s"']*[a-z_][\w\s"']*$/i.test(f))
    ) {
      header = t;
      return;
    }
    seenData = true;
    if (fields.length !== 2) {
      errors.push({ line, text: raw, reason: `expected 2 values (x,y), found ${fields.length}` });
      return;
    }
    const xv = parseNumber(fields[0]);
    const yv = parseNumber(fields[1]);
    if (xv === null || yv === null) {
      const bad = xv === null ? `x "${fields[0].trim()}"` : `y "${fields[1].trim()}"`;
      errors.push({ line, text: raw, reason: `${bad} is not a finite number` });
      return;
    }
    if (x.length >= maxPoints) {
      errors.push({ line, text: raw, reason: `more than ${maxPoints} points; row ignored` });
      return;
    }
    x.push(xv);
    y.push(yv);
  });
  return { x, y, errors, header };
}

export function formatCsvErrors(errors: readonly CsvError[]): string[] {
  return errors.map((e) => `line ${e.line}: ${e.reason}`);
}
