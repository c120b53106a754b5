// The ghost: the previous run drawn faded and dashed beside the current one, at the same epoch,
// labelled with what differed ("before: dropout 0.5"). Pure.

import { SCHEMA, SETTING_NAMES, type SettingName, type Settings } from '../experiment/settings';
import { formatValue } from './slider-scale';

/** Short names for the legend; the rest use their schema label in lower case. */
const SHORT: Partial<Record<SettingName, string>> = {
  dropout: 'dropout',
  weightDecay: 'weight decay',
  l1: 'L1',
  lrPlain: 'lr (plain)',
  lrRegularized: 'lr',
  hidden: 'hidden',
  layers: 'layers',
  momentum: 'momentum',
};

function valueText(name: SettingName, value: Settings[SettingName]): string {
  const spec = SCHEMA[name];
  if (spec.kind === 'choice') return String(value);
  return formatValue(spec, Number(value));
}

/**
 * "before: dropout 0.5, weight decay 0" — the previous run's values of every setting that
 * differs from the current run's (at most three named, then "…").
 */
export function ghostLabel(before: Settings, now: Settings): string {
  const changed = SETTING_NAMES.filter((n) => n !== 'preset' && before[n] !== now[n]);
  if (changed.length === 0) return 'before';
  const parts = changed.slice(0, 3).map((n) => `${SHORT[n] ?? SCHEMA[n].label.toLowerCase()} ${valueText(n, before[n])}`);
  return `before: ${parts.join(', ')}${changed.length > 3 ? ', …' : ''}`;
}

/** A colour faded for the ghost (hex #rrggbb → with alpha). */
export function faded(color: string, alpha = 0.45): string {
  const a = Math.round(alpha * 255)
    .toString(16)
    .padStart(2, '0');
  return /^#[0-9a-f]{6}$/i.test(color) ? `${color}${a}` : color;
}

/** The ghost's dash pattern. */
export const GHOST_DASH = [6, 4];
