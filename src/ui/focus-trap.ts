// Keeps Tab inside a modal: from its last focusable element Tab wraps to the first, and Shift+Tab
// from the first to the last. A native modal <dialog> already makes the page behind it inert, but
// lets Tab leave for the browser's own controls; with this, focus cycles inside the dialog.

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Handles a Tab key press inside `container`; gives whether it moved focus itself. */
export function wrapTabFocus(e: { key: string; shiftKey: boolean; preventDefault(): void }, container: HTMLElement): boolean {
  if (e.key !== 'Tab') return false;
  const items = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[inert]'));
  const first = items[0];
  const last = items[items.length - 1];
  const active = document.activeElement;
  if (!first || !last) {
    e.preventDefault();
    return true;
  }
  const target = e.shiftKey ? (active === first || !container.contains(active) ? last : null) : active === last ? first : null;
  if (!target) return false;
  e.preventDefault();
  target.focus();
  return true;
}
