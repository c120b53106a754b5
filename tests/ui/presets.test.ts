// The presets as the page and the link see them: every preset's values pass the schema untouched,
// a link names the preset alone and opens exactly its settings, a changed value is written beside
// it, and the picker shows a button per preset and the current preset's note.
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PRESETS, PRESET_INFO, presetSettings, resolveSettings } from '../../src/experiment/settings';
import { PICKABLE_PRESETS, PresetPicker } from '../../src/ui/Controls';
import { englishT } from '../../src/ui/i18n/english';
import { createI18n } from '../../src/ui/i18n/i18n';
import { PageI18nProvider } from '../../src/ui/i18n/useLocale';
import type { Lang } from '../../src/ui/i18n/languages';
import { applyPreset, buildQuery, matchesPreset, parseUrlState, presetBase } from '../../src/ui/url-state';

/** The page's translation layer around what a test renders. */
const inLanguage = (lang: Lang, node: ReactNode): string =>
  renderToStaticMarkup(createElement(PageI18nProvider, { i18n: createI18n(lang) }, node));

describe('presets', () => {
  it('every preset’s values are valid settings (nothing clamped, nothing unknown)', () => {
    for (const p of PRESETS) {
      const { corrections, unknown } = resolveSettings(presetSettings(p));
      expect({ p, corrections, unknown }).toEqual({ p, corrections: [], unknown: [] });
    }
  });

  it('"Dropout helps" and "Weight decay helps" differ from each other only in the regularizer, and are fair (same lr for both nets)', () => {
    const d = presetBase('dropout-helps'),
      w = presetBase('weight-decay-helps');
    const differing = Object.keys(d).filter((k) => d[k as keyof typeof d] !== w[k as keyof typeof w]);
    expect(differing.sort()).toEqual(['dropout', 'preset', 'weightDecay']);
    for (const s of [d, w]) expect(s.lrPlain).toBe(s.lrRegularized);
    expect([d.dropout, d.weightDecay, d.l1]).toEqual([0.7, 0, 0]);
    expect([w.dropout, w.weightDecay, w.l1, w.optimizer]).toEqual([0, 0.05, 0, 'adam']);
  });

  it('a link names the preset alone, opens exactly its settings, and keeps a changed value beside it', () => {
    for (const p of ['dropout-helps', 'weight-decay-helps'] as const) {
      const s = presetBase(p);
      expect(buildQuery(s, 'auto')).toBe(`preset=${p}`);
      const parsed = parseUrlState(`?preset=${p}`);
      expect(parsed.settings).toEqual(s);
      expect(parsed.notices).toEqual([]);
      expect(matchesPreset(parsed.settings)).toBe(true);
      const changed = { ...s, dropout: 0.3 };
      expect(matchesPreset(changed)).toBe(false);
      expect(parseUrlState(`?${buildQuery(changed, 'auto')}`).settings).toEqual(changed);
    }
    // applied over a custom setting, a preset fixes everything it names
    expect(applyPreset({ ...presetBase('tutorial'), hidden: 16, noise: 1 }, 'dropout-helps')).toEqual(presetBase('dropout-helps'));
  });

  it('the picker: a button per preset but Custom, the current one pressed, its note shown', () => {
    expect(PICKABLE_PRESETS).toEqual(['tutorial', 'strong-overfitting', 'dropout-helps', 'weight-decay-helps']);
    const html = inLanguage('en', createElement(PresetPicker, { settings: presetBase('dropout-helps'), onPreset: () => {} }));
    for (const p of PICKABLE_PRESETS) expect(html).toContain(`>${PRESET_INFO[p].label}</button>`);
    expect(html).toMatch(/aria-pressed="true"[^>]*>Dropout helps</);
    expect(html).toContain(PRESET_INFO['dropout-helps'].note);
    expect(html).not.toContain('(modified)');
    const modified = inLanguage(
      'en',
      createElement(PresetPicker, { settings: { ...presetBase('tutorial'), dropout: 0.2 }, onPreset: () => {} }),
    );
    expect(modified).toContain('(modified)');
    expect(modified).toContain('within seed noise');
  });

  it('the page’s labels and notes are PRESET_INFO’s words in English (the CLI’s), and translated in Chinese', () => {
    for (const p of PRESETS) {
      expect(englishT(`preset.${p}.label`)).toBe(PRESET_INFO[p].label);
      expect(englishT(`preset.${p}.note`)).toBe(PRESET_INFO[p].note);
    }
    const html = inLanguage(
      'zh-CN',
      createElement(PresetPicker, { settings: { ...presetBase('dropout-helps'), dropout: 0.5 }, onPreset: () => {} }),
    );
    for (const label of ['教程（原始）', '强过拟合', 'Dropout 有效', '权重衰减有效']) expect(html).toContain(`>${label}</button>`);
    expect(html).toContain('>预设<');
    expect(html).toContain('（已修改）');
    expect(html).toContain('只有 dropout 0.7 不同');
  });
});
