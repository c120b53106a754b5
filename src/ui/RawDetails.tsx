// The raw error behind a plain message, folded away until asked for.

import type { ReactNode } from 'react';
import { useLocale } from './i18n/useLocale';

export function RawDetails({ details }: { readonly details: string | null | undefined }): ReactNode {
  const { t } = useLocale();
  if (!details) return null;
  return (
    <details>
      <summary>{t('notices.details')}</summary>
      <code>{details}</code>
    </details>
  );
}
