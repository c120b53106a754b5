// cachedTranslate against i18next itself: the same words for every key of the English and Chinese
// catalogs, with and without parameters, each phrase looked up once, and parameters that are not
// plain values passed through uncached.
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/ui/i18n/i18n';
import { cachedTranslate } from '../../src/ui/i18n/useLocale';

function counted(lang: 'en' | 'zh-CN') {
  const i18n = createI18n(lang, { react: false });
  let calls = 0;
  const raw = (key: string, params: Record<string, unknown>): string => {
    calls++;
    return i18n.t(key, params);
  };
  return { i18n, t: cachedTranslate(raw), calls: () => calls };
}

describe('cachedTranslate', () => {
  it.each(['en', 'zh-CN'] as const)('gives i18next’s words (%s), each phrase looked up once', (lang) => {
    const { i18n, t, calls } = counted(lang);
    const cases: [string, Record<string, unknown> | undefined][] = [
      ['fit.title', undefined],
      ['fit.at', { epoch: 51 }],
      ['fit.at', { epoch: 101 }],
      ['timeline.valueText', { epoch: 451 }],
      ['timeline.computed', { computed: 120, total: 500 }],
    ];
    for (const [key, params] of cases) {
      const want: string = i18n.t(key, { ...params });
      expect(want).not.toBe(key); // the key exists in the catalog
      expect(t(key, params)).toBe(want);
      expect(t(key, params)).toBe(want);
    }
    expect(calls()).toBe(cases.length);
  });

  it('tells parameters apart by value and by type', () => {
    const { t, calls } = counted('en');
    const a = t('fit.at', { epoch: 51 });
    const b = t('fit.at', { epoch: '51' });
    expect(a).toBe(b); // same words…
    expect(calls()).toBe(2); // …but two entries: 51 and '51' could format differently
    expect(t('fit.at', { epoch: 52 })).not.toBe(a);
  });

  it('passes parameters that are not plain values through, uncached', () => {
    const { t, calls } = counted('en');
    const params = { epoch: { valueOf: () => 7 } };
    t('fit.at', params);
    t('fit.at', params);
    expect(calls()).toBe(2);
  });
});
