// Numbers for people in the page's language, through Intl.NumberFormat (one formatter per
// language and option set, reused). Exports (CSV, JSON, the PyTorch script) never come here: they
// stay language-neutral.

import type { Lang } from './languages';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang, options);
    formatters.set(key, f);
  }
  return f;
}

/** A whole or decimal number with the locale's grouping ("4,980"); "—" for what is not finite. */
export function formatNumber(lang: Lang, v: number, options: Intl.NumberFormatOptions = {}): string {
  return Number.isFinite(v) ? formatter(lang, options).format(v) : '—';
}

/** `digits` fraction digits, exactly ("57.5"). */
export function formatFixed(lang: Lang, v: number, digits: number): string {
  return formatNumber(lang, v, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** `digits` significant digits ("0.0312"), in scientific notation outside [1e-3, 1e4) ("4.64E-5" as "4.64e-5"). */
export function formatSignificant(lang: Lang, v: number, digits = 3): string {
  if (!Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (v !== 0 && (a < 1e-3 || a >= 1e4)) {
    return formatNumber(lang, v, { notation: 'scientific', maximumSignificantDigits: digits, minimumSignificantDigits: digits }).replace(
      'E',
      'e',
    );
  }
  return formatNumber(lang, v, { maximumSignificantDigits: digits, minimumSignificantDigits: digits, useGrouping: false });
}

/** A share as a percentage with one decimal ("12.5%"). */
export function formatPercent(lang: Lang, share: number): string {
  return formatNumber(lang, share, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/**
 * A translated text with one marked part ("epoch <epoch>12</epoch> · frame 3 of 101") cut into the
 * text before the mark, the marked text and the text after; without the mark, all of it comes
 * first. What react-i18next's Trans does for one tag, without parsing markup on every frame.
 */
export function splitMarked(text: string, tag: string): readonly [string, string, string] {
  const open = `<${tag}>`;
  const close = `</${tag}>`;
  const a = text.indexOf(open);
  const b = a < 0 ? -1 : text.indexOf(close, a + open.length);
  if (a < 0 || b < 0) return [text, '', ''];
  return [text.slice(0, a), text.slice(a + open.length, b), text.slice(b + close.length)];
}
