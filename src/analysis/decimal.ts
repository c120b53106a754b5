// Numbers as people write them in links, CSV rows and CLI flags: plain decimal notation only
// (`12`, `-0.5`, `.5`, `3e-4`). JavaScript's Number() also reads `0x10`, `0o7`, `0b1`, `Infinity`
// and "" (as 0); those are refused here so that no notation is silently reinterpreted.

import { msg, type Message } from './message';

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

/** Why `text` is not a usable decimal number, as a message (`decimal.*`), or null when it is one. */
export function decimalProblemMessage(text: string): Message | null {
  const code = problemCode(text);
  return code === null ? null : msg(`decimal.${code}`);
}

/** Why `text` is not a usable decimal number, in English (the CLI's words), or null when it is one. */
export function decimalProblem(text: string): string | null {
  const code = problemCode(text);
  return code === null ? null : ENGLISH[code];
}

type ProblemCode = 'empty' | 'notation' | 'notFinite' | 'tooLarge' | 'notDecimal';

const ENGLISH: Record<ProblemCode, string> = {
  empty: 'empty, not a number',
  notation: 'not a decimal number (hex, octal and binary notations are not read)',
  notFinite: 'not a finite number',
  tooLarge: 'not a finite number (too large)',
  notDecimal: 'not a decimal number',
};

function problemCode(text: string): ProblemCode | null {
  if (parseDecimal(text) !== null) return null;
  const t = text.trim();
  if (t === '') return 'empty';
  if (/^[+-]?0[xob]/i.test(t)) return 'notation';
  if (/^[+-]?(infinity|nan)$/i.test(t)) return 'notFinite';
  if (DECIMAL.test(t) && t.length <= MAX_DECIMAL_LENGTH) return 'tooLarge';
  return 'notDecimal';
}
