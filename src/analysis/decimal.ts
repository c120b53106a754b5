// Numbers as people write them in links, CSV rows and CLI flags: plain decimal notation only
// (`12`, `-0.5`, `.5`, `3e-4`). JavaScript's Number() also reads `0x10`, `0o7`, `0b1`, `Infinity`
// and "" (as 0); those are refused here so that no notation is silently reinterpreted.

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Longest number text read (a float64 needs at most ~25 characters; the rest is noise). */
export const MAX_DECIMAL_LENGTH = 64;

/** The finite value of a decimal number text (surrounding blanks allowed), else null. */
export function parseDecimal(text: string): number | null {
  if (text.length > MAX_DECIMAL_LENGTH * 4) return null;
  const t = text.trim();
  if (t.length > MAX_DECIMAL_LENGTH || !DECIMAL.test(t)) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/** Why `text` is not a usable decimal number (for messages), or null when it is one. */
export function decimalProblem(text: string): string | null {
  if (parseDecimal(text) !== null) return null;
  const t = text.trim();
  if (t === '') return 'empty, not a number';
  if (/^[+-]?0[xob]/i.test(t)) return 'not a decimal number (hex, octal and binary notations are not read)';
  if (/^[+-]?(infinity|nan)$/i.test(t)) return 'not a finite number';
  if (DECIMAL.test(t) && t.length <= MAX_DECIMAL_LENGTH) return 'not a finite number (too large)';
  return 'not a decimal number';
}
