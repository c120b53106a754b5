// @vitest-environment happy-dom
// wrapTabFocus: Tab from the last focusable element of a container wraps to the first, Shift+Tab
// from the first to the last; in between, the browser moves focus as usual.

import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { wrapTabFocus } from '../../src/ui/focus-trap';

afterEach(cleanup);

function tab(container: HTMLElement, shiftKey = false): { handled: boolean; prevented: boolean } {
  let prevented = false;
  const handled = wrapTabFocus({ key: 'Tab', shiftKey, preventDefault: () => (prevented = true) }, container);
  return { handled, prevented };
}

describe('wrapTabFocus', () => {
  it('wraps at both ends and leaves the middle to the browser', () => {
    render(
      <div data-testid="box">
        <button type="button">first</button>
        <button type="button" disabled>
          off
        </button>
        <input aria-label="middle" />
        <button type="button">last</button>
      </div>,
    );
    const box = screen.getByTestId('box');
    screen.getByText('last').focus();
    expect(tab(box)).toEqual({ handled: true, prevented: true });
    expect(document.activeElement?.textContent).toBe('first');
    expect(tab(box, true)).toEqual({ handled: true, prevented: true });
    expect(document.activeElement?.textContent).toBe('last');
    screen.getByLabelText('middle').focus();
    expect(tab(box)).toEqual({ handled: false, prevented: false });
    expect(tab(box, true)).toEqual({ handled: false, prevented: false });
  });

  it('keeps focus put when nothing inside can take it, and ignores other keys', () => {
    render(<div data-testid="box">text only</div>);
    const box = screen.getByTestId('box');
    expect(tab(box)).toEqual({ handled: true, prevented: true });
    expect(wrapTabFocus({ key: 'Enter', shiftKey: false, preventDefault: () => {} }, box)).toBe(false);
  });
});
