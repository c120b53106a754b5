// The ghost: the previous run drawn faded and dashed beside the current one, at the same epoch,
// labelled with what differed ("before: dropout 0.5"), in the page's language (short setting
// names `ghost.short.<name>`, choices `option.<value>`). Pure.

import { SCHEMA, SETTING_NAMES, type SettingName, type Settings } from '../experiment/settings';
import type { Translate } from './i18n/i18n';
import { formatValue } from './slider-scale';

function valueText(t: Translate, name: SettingName, value: Settings[SettingName]): string {
  const spec = SCHEMA[name];
  if (spec.kind === 'choice') return t(`option.${value}`, { defaultValue: String(value) });
  return formatValue(spec, Number(value));
}

/**
 * "before: dropout 0.5, weight decay 0" — the previous run's values of every setting that
 * differs from the current run's (at most three named, then "…").
 */
export function ghostLabel(t: Translate, before: Settings, now: Settings): string {
  const changed = SETTING_NAMES.filter((n) => n !== 'preset' && before[n] !== now[n]);
  if (changed.length === 0) return t('ghost.before');
  const parts = changed.slice(0, 3).map((n) => t('ghost.change', { name: t(`ghost.short.${n}`), value: valueText(t, n, before[n]) }));
  return t('ghost.beforeList', { changes: `${parts.join(t('ghost.separator'))}${changed.length > 3 ? `${t('ghost.separator')}…` : ''}` });
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
