// The page's words and numbers in the chosen language: `t` for catalog keys, `tm` for messages
// (key + parameters) from the validating modules, `num` for numbers through Intl. One
// LocaleProvider under i18next's provider makes the Locale once per language; every component
// reads it from context (i18next's own hook, per component and per render, cost more than the
// words while playing).

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { Message } from '../../analysis/message';
import { formatNumber } from './format';
import { translateMessage, type Translate } from './i18n';
import { DEFAULT_LANG, knownLanguage, type Lang } from './languages';

export interface Locale {
  readonly lang: Lang;
  readonly t: Translate;
  /** a message in this language (a string is already words: it passes through) */
  readonly tm: (m: Message | string) => string;
  readonly num: (v: number, options?: Intl.NumberFormatOptions) => string;
}

/** phrases with parameters kept per language before the cache starts again */
const MAX_CACHED = 2000;

/** A cache key for parameters that are all strings, numbers or booleans (null: not cacheable). */
function paramsKey(key: string, params: Readonly<Record<string, unknown>>): string | null {
  let out = key;
  for (const name of Object.keys(params)) {
    const v = params[name];
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return null;
    out += `\u0000${name}\u0001${typeof v}\u0001${String(v)}`;
  }
  return out;
}

/**
 * `t` that looks each phrase up once per language: the catalogs are bundled, so a key with the
 * same parameters always gives the same words, and panels re-render with every frame on screen.
 */
export function cachedTranslate(raw: (key: string, params: Record<string, unknown>) => string): Translate {
  const cache = new Map<string, string>();
  return (key, params) => {
    const k = params ? paramsKey(key, params) : key;
    if (k === null) return raw(key, { ...params });
    let words = cache.get(k);
    if (words === undefined) {
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(k, (words = raw(key, { ...params })));
    }
    return words;
  };
}

const LocaleContext = createContext<Locale | null>(null);

/** Provides the Locale of i18next's current language to the components below. */
export function LocaleProvider({ children }: { children?: ReactNode }): ReactNode {
  const { t: rawT, i18n } = useTranslation();
  const lang = knownLanguage(i18n.language) ?? DEFAULT_LANG;
  const locale = useMemo((): Locale => {
    const t = cachedTranslate((key, params) => rawT(key, params));
    return {
      lang,
      t,
      tm: (m) => (typeof m === 'string' ? m : translateMessage(t, m)),
      num: (v, options) => formatNumber(lang, v, options),
    };
  }, [rawT, lang]);
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  const locale = useContext(LocaleContext);
  if (!locale) throw new Error('useLocale needs a LocaleProvider above it (inside I18nextProvider)');
  return locale;
}

/** The page's translation layer: i18next's provider with the LocaleProvider inside it. */
export function PageI18nProvider({ i18n, children }: { i18n: I18n; children?: ReactNode }): ReactNode {
  return (
    <I18nextProvider i18n={i18n}>
      <LocaleProvider>{children}</LocaleProvider>
    </I18nextProvider>
  );
}
