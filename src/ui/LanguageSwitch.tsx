// The header's language switch: English / 简体中文. Choosing one writes `?lang=` into the link
// (so the link reproduces the page in that language) and the page follows at once.

import { useId, type ReactNode } from 'react';
import { LANGUAGES, LANGUAGE_NAMES, knownLanguage, type Lang } from './i18n/languages';
import { useLocale } from './i18n/useLocale';

export function LanguageSwitch({ onChange }: { onChange: (lang: Lang) => void }): ReactNode {
  const { t, lang } = useLocale();
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('app.language')}</label>
      <select
        id={id}
        data-testid="language"
        value={lang}
        onChange={(e) => {
          const next = knownLanguage(e.currentTarget.value);
          if (next) onChange(next);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
