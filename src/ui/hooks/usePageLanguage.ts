// The page's language follows the link's `lang` (else the browser's): the i18n instance switches
// to it and `<html lang>` says it, so screen readers and fonts pick the right language.

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { browserLanguages, detectLanguage, type Lang } from '../i18n/languages';

/** The language a visit shows: the link's, else the browser's (zh* → zh-CN), else English. */
export function pageLanguage(linked: Lang | null): Lang {
  return linked ?? detectLanguage(browserLanguages());
}

export function usePageLanguage(linked: Lang | null): Lang {
  const { i18n } = useTranslation();
  const lang = pageLanguage(linked);
  useEffect(() => {
    if (i18n.language !== lang) void i18n.changeLanguage(lang);
    document.documentElement.lang = lang;
  }, [i18n, lang]);
  return lang;
}
