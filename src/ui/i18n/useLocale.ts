// The page's words and numbers in the chosen language: `t` for catalog keys, `tm` for messages
// (key + parameters) from the validating modules, `num` for numbers through Intl.

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
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

export function useLocale(): Locale {
  const { t: rawT, i18n } = useTranslation();
  const lang = knownLanguage(i18n.language) ?? DEFAULT_LANG;
  return useMemo(() => {
    // a key without parameters always gives the same words in one language (the catalogs are
    // bundled): looked up once, as panels re-render with every frame on screen
    const plain = new Map<string, string>();
    const t: Translate = (key, params) => {
      if (params) return rawT(key, { ...params });
      let words = plain.get(key);
      if (words === undefined) plain.set(key, (words = rawT(key, {})));
      return words;
    };
    return {
      lang,
      t,
      tm: (m) => (typeof m === 'string' ? m : translateMessage(t, m)),
      num: (v, options) => formatNumber(lang, v, options),
    };
  }, [rawT, lang]);
}
