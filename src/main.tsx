import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { readUrl } from './ui/hooks/useUrlSync';
import { pageLanguage } from './ui/hooks/usePageLanguage';
import { createI18n } from './ui/i18n/i18n';
import { PageI18nProvider } from './ui/i18n/useLocale';
import './ui/chart-setup';
import './ui/styles.css';

const root = document.getElementById('root');
if (root) {
  // the first render is already in the visit's language (the catalogs are bundled)
  const lang = pageLanguage(readUrl().lang);
  document.documentElement.lang = lang;
  const i18n = createI18n(lang);
  createRoot(root).render(
    <StrictMode>
      <PageI18nProvider i18n={i18n}>
        <ErrorBoundary>
          <App />
        </ErrorBoundary>
      </PageI18nProvider>
    </StrictMode>,
  );
}
