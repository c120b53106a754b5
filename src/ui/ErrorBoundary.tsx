// Last line of defence: a render error shows a message and a way back instead of a blank page.

import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Translation } from 'react-i18next';

interface State {
  readonly error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Dropout Lab crashed while rendering:', error, info.componentStack);
  }

  render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Translation>
        {(t) => (
          <main className="crash" role="alert" data-testid="crash">
            <h1>{t('app.crashTitle')}</h1>
            <p>{error.message}</p>
            <p>
              <button type="button" onClick={() => this.setState({ error: null })}>
                {t('app.tryAgain')}
              </button>{' '}
              <a href={`${location.pathname}`}>{t('app.startOver')}</a>
            </p>
          </main>
        )}
      </Translation>
    );
  }
}
