// The two catalogs (src/ui/i18n/en.json, zh-CN.json) say the same things: the same keys (each
// language with the plural forms Intl.PluralRules asks of it), the same interpolation parameters
// and markup tags per key, no empty or untranslated entry; every key the source names exists; the
// English setting labels are the schema's (the CLI's) words.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA, SETTING_NAMES, type SettingSpec } from '../../src/experiment/settings';
import { BACKEND_PREFERENCES } from '../../src/experiment/backend-choice';
import { CATALOGS, createI18n } from '../../src/ui/i18n/i18n';
import { LANGUAGES, type Lang } from '../../src/ui/i18n/languages';
import { SPEEDS } from '../../src/ui/playback/playhead';

const PLURAL = /_(zero|one|two|few|many|other)$/;

function leaves(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

/** `{{name}}` / `{{name, number}}` parameters and `<tag>` markup of a text, sorted. */
function placeholders(text: string): string[] {
  const params = [...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => `{{${m[1]}}}`);
  const tags = [...text.matchAll(/<(\/?\w+)>/g)].map((m) => `<${m[1]}>`);
  return [...new Set([...params, ...tags])].sort();
}

const catalogs = Object.fromEntries(LANGUAGES.map((l) => [l, leaves(CATALOGS[l])])) as Record<Lang, Map<string, string>>;
const baseKeys = (l: Lang): Set<string> => new Set([...catalogs[l].keys()].map((k) => k.replace(PLURAL, '')));

/** Entries that are the same in both languages on purpose: names, symbols, units, formats. */
const SAME_IN_BOTH = new Set([
  'app.title',
  'status.epochOf',
  'status.estimated',
  'option.adam',
  'option.adamw',
  'option.sgd',
  'plain.subject.mc-dropout',
  'bytes.kb',
  'bytes.mb',
  'chart.x',
  'chart.y',
  'chart.withGhost',
  'ghost.change',
  // symbols and a backend's own words
  'heatmap.corner',
  'heatmap.rowHeader',
  'notice.error',
  'seeds.verdict.unknown',
  'ghost.short.l1',
  'controls.backendOptions.cpu',
  'export.pytorchPy',
]);

describe('catalogs', () => {
  it('have the same keys in every language', () => {
    const en = [...baseKeys('en')].sort();
    for (const l of LANGUAGES) expect([...baseKeys(l)].sort()).toEqual(en);
    expect(en.length).toBeGreaterThan(200);
  });

  it('have each plural key in the forms the language needs (en: one, other; zh-CN: other)', () => {
    for (const l of LANGUAGES) {
      const needed = new Intl.PluralRules(l).resolvedOptions().pluralCategories;
      const plural = [...catalogs[l].keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, ''));
      for (const base of new Set(plural)) {
        const forms = [...catalogs[l].keys()]
          .filter((k) => k.replace(PLURAL, '') === base && PLURAL.test(k))
          .map((k) => PLURAL.exec(k)?.[1]);
        expect({ key: base, forms: forms.sort() }).toEqual({ key: base, forms: [...needed].sort() });
      }
    }
  });

  it('use the same interpolation parameters and tags for each key', () => {
    const byBase = (l: Lang): Map<string, string[]> => {
      const out = new Map<string, string[]>();
      for (const [k, v] of catalogs[l]) {
        const base = k.replace(PLURAL, '');
        out.set(base, [...new Set([...(out.get(base) ?? []), ...placeholders(v)])].sort());
      }
      return out;
    };
    const en = byBase('en');
    for (const l of LANGUAGES) {
      for (const [key, params] of byBase(l)) expect({ key, params }).toEqual({ key, params: en.get(key) });
    }
  });

  it('have no empty entry, and Chinese is translated (same as English only for names and formats)', () => {
    for (const l of LANGUAGES) for (const [k, v] of catalogs[l]) expect({ k, empty: v.trim() === '' }).toEqual({ k, empty: false });
    const same = [...catalogs['zh-CN']].filter(([k, v]) => catalogs.en.get(k) === v).map(([k]) => k);
    expect(same.sort()).toEqual([...SAME_IN_BOTH].sort());
  });

  it('the English setting labels and help are the schema’s words (the CLI’s)', () => {
    for (const name of SETTING_NAMES) {
      expect(catalogs.en.get(`setting.${name}.label`)).toBe(SCHEMA[name].label);
      expect(catalogs.en.get(`setting.${name}.help`)).toBe(SCHEMA[name].help);
    }
  });
});

/** Source files of the page and of the modules whose messages it shows. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
  });
}

describe('keys in the source', () => {
  const en = catalogs.en;
  const has = (key: string): boolean => en.has(key) || en.has(`${key}_one`) || en.has(`${key}_other`);

  it('every literal key of t(…), msg(…) and <Trans i18nKey> exists', () => {
    const missing: string[] = [];
    let seen = 0;
    for (const file of [...sources('src/ui'), ...sources('src/analysis'), ...sources('src/experiment')]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:t|msg)\(\s*'([\w.-]+)'|i18nKey="([\w.-]+)"/g)) {
        seen++;
        const key = m[1] ?? m[2];
        if (!has(key)) missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
    expect(seen).toBeGreaterThan(150);
  });

  it('every key built from a name exists (settings, options, states, speeds, backends, decimal problems)', () => {
    const keys = [
      ...SETTING_NAMES.flatMap((n) => [`setting.${n}.label`, `setting.${n}.help`, `ghost.short.${n}`]),
      ...SETTING_NAMES.flatMap((n) => {
        const spec: SettingSpec = SCHEMA[n];
        return spec.kind === 'choice' ? spec.options.map((o) => `option.${o}`) : spec.unit ? [`unit.${spec.unit}`] : [];
      }),
      ...['starting', 'stopped', 'playing', 'buffering', 'paused', 'finished'].flatMap((s) => [
        `status.states.${s}`,
        `status.stateTitles.${s}`,
      ]),
      ...SPEEDS.map((s) => `transport.speeds.${s}`),
      ...BACKEND_PREFERENCES.map((b) => `controls.backendOptions.${b}`),
      ...['empty', 'notation', 'notFinite', 'tooLarge', 'notDecimal'].map((c) => `decimal.${c}`),
      'net.overfitting',
      'net.dropout',
    ];
    expect(keys.filter((k) => !has(k))).toEqual([]);
  });

  it('a zh-CN instance answers in Chinese, with Intl numbers and plurals', () => {
    const zh = createI18n('zh-CN', { react: false });
    expect(zh.t('transport.play')).toBe('播放');
    expect(zh.t('list.more', { n: 4980 })).toBe('……还有 4,980 条');
    expect(zh.t('data.using', { count: 1 })).toBe('使用 1 个有效行。');
    const en = createI18n('en', { react: false });
    expect(en.t('data.using', { count: 1 })).toBe('Using 1 valid row.');
    expect(en.t('data.using', { count: 3 })).toBe('Using 3 valid rows.');
    expect(en.t('unit.s', { n: 1.5 })).toBe('1.50 s');
  });
});
