// The translation layer: one i18next instance per page (made in main.tsx and handed down by
// react-i18next's provider, never a module global), with both catalogs bundled, so `t` works
// synchronously from the first render and nothing is fetched. Numbers in messages go through
// Intl (`{{n, number}}`), plurals through Intl.PluralRules (en: _one/_other, zh-CN: _other).

import { createInstance, type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isMessage, type Message } from '../../analysis/message';
import en from './en.json';
import zhCN from './zh-CN.json';
import { DEFAULT_LANG, LANGUAGES, type Lang } from './languages';

export const CATALOGS: Record<Lang, Readonly<Record<string, unknown>>> = { en, 'zh-CN': zhCN };

/** A translation function: a catalog key and its parameters to text (i18next's `t`, narrowed). */
export type Translate = (key: string, params?: Readonly<Record<string, unknown>>) => string;

/** A ready i18next instance in `lang` (initialized synchronously from the bundled catalogs). */
export function createI18n(lang: Lang, options: { react?: boolean } = {}): I18n {
  const instance = createInstance();
  if (options.react !== false) instance.use(initReactI18next);
  void instance.init({
    lng: lang,
    fallbackLng: DEFAULT_LANG,
    supportedLngs: [...LANGUAGES],
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: CATALOGS[l] }])),
    initAsync: false,
    nsSeparator: false,
    returnNull: false,
    // React escapes what it renders; the catalogs hold plain text
    interpolation: { escapeValue: false },
  });
  return instance;
}

/** A message (key + parameters, nested messages translated first) as text. */
export function translateMessage(t: Translate, m: Message): string {
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m.params ?? {})) params[k] = isMessage(v) ? translateMessage(t, v) : v;
  return t(m.key, params);
}
