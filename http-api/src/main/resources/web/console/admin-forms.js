// What the admin console's forms and lists share: a labelled field with its hint, a form's result
// line, and telling the console that the admin token was refused.

import { el } from './format.js';

/** A label for the control with this id, the control, and the hint that describes it, if any. */
export function field(id, label, control, hint) {
  const box = el('div', 'field');
  const labelEl = el('label', '', label);
  labelEl.htmlFor = id;
  box.append(labelEl, control);
  if (hint) {
    const hintEl = el('p', 'field-hint', hint);
    hintEl.id = `${id}-hint`;
    if (control.id === id) control.setAttribute('aria-describedby', hintEl.id);
    box.append(hintEl);
  }
  return box;
}

/** Shows a form's outcome in its result line: done, or what went wrong. */
export function showResult(result, ok, text) {
  result.className = `form-result ${ok ? 'ok' : 'fail'}`;
  result.textContent = text;
}

/** Fires `admin-unauthorized` from the element when the server refused the admin token. */
export function reportUnauthorized(element, error) {
  if (error.status === 401) element.dispatchEvent(new CustomEvent('admin-unauthorized', { bubbles: true }));
}
