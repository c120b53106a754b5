// The page's languages, and which one a visit gets: `?lang=en|zh-CN` (validated like every other
// link parameter), else the browser's language (any zh* → 简体中文), else English.

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'en';
export const LANG_PARAM = 'lang';

/** Each language's name in itself, for the switch. */
export const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', 'zh-CN': '简体中文' };

/** A language from link text: a known one, case-insensitive ("zh-cn", "EN"), else null. */
export function knownLanguage(value: string): Lang | null {
  const v = value.trim().toLowerCase();
  return LANGUAGES.find((l) => l.toLowerCase() === v) ?? null;
}

/** The browser's preference: the first of its languages that is English or Chinese (zh* → zh-CN), else English. */
export function detectLanguage(preferred: readonly string[]): Lang {
  for (const p of preferred.slice(0, 16)) {
    const tag = p.trim().toLowerCase();
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return DEFAULT_LANG;
}

/** The browser's languages (navigator.languages, else navigator.language), or none outside a browser. */
export function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  const list: readonly string[] = navigator.languages ?? [];
  return list.length > 0 ? list : typeof navigator.language === 'string' ? [navigator.language] : [];
}
