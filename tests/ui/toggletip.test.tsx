// @vitest-environment happy-dom
// The "?" toggletip in a DOM: the button says whether it is open, the text appears in a status
// element only while open, and Escape or a click outside closes it; a second toggletip opening
// does not need the first closed by hand.

import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../src/ui/i18n/i18n';
import { PageI18nProvider } from '../../src/ui/i18n/useLocale';
import type { Lang } from '../../src/ui/i18n/languages';
import { Toggletip } from '../../src/ui/Toggletip';

/** The page's translation layer around what a test renders. */
function inLanguage(lang: Lang): (p: { children: ReactNode }) => ReactNode {
  const i18n = createI18n(lang);
  return ({ children }) => <PageI18nProvider i18n={i18n}>{children}</PageI18nProvider>;
}

afterEach(cleanup);

function setup(): { button: HTMLElement; status: HTMLElement; outside: HTMLElement } {
  render(
    <div>
      <p data-testid="outside">elsewhere</p>
      <Toggletip topic="Weight decay">Pulls every weight toward 0.</Toggletip>
    </div>,
    { wrapper: inLanguage('en') },
  );
  const button = screen.getByRole('button', { name: 'About Weight decay' });
  const status = screen.getByRole('status');
  return { button, status, outside: screen.getByTestId('outside') };
}

describe('Toggletip', () => {
  it('is named from the catalog in each language', () => {
    render(<Toggletip topic="权重衰减">…</Toggletip>, { wrapper: inLanguage('zh-CN') });
    expect(screen.getByRole('button', { name: '关于权重衰减' }).textContent).toBe('?');
  });

  it('is a closed "?" button until clicked; a click opens it and puts the text in the status element', () => {
    const { button, status } = setup();
    expect(button.textContent).toBe('?');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.getAttribute('aria-controls')).toBe(status.id);
    expect(status.textContent).toBe('');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(status.textContent).toBe('Pulls every weight toward 0.');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(status.textContent).toBe('');
  });

  it('closes on Escape', () => {
    const { button, status } = setup();
    fireEvent.click(button);
    act(() => {
      button.focus();
    });
    fireEvent.keyDown(button, { key: 'Escape' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(status.textContent).toBe('');
  });

  it('closes on a pointer press outside it, not on one inside its text', () => {
    const { button, status, outside } = setup();
    fireEvent.click(button);
    fireEvent.pointerDown(status);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    fireEvent.pointerDown(outside);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(status.textContent).toBe('');
  });

  it('other keys leave it open', () => {
    const { button, status } = setup();
    fireEvent.click(button);
    fireEvent.keyDown(document.body, { key: 'Tab' });
    expect(status.textContent).toBe('Pulls every weight toward 0.');
  });
});
