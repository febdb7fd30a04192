// Small DOM helpers: elements built with createElement and text nodes only (never innerHTML).

/** h('p', {class: 'x', text: 'hi'}, child, 'text') */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name === 'text') el.textContent = value;
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  el.append(...children.flat().filter((c) => c != null && c !== false));
  return el;
}

/** Defines a custom element once (the page may load the widget twice). */
export function define(name, constructor) {
  if (!customElements.get(name)) customElements.define(name, constructor);
}

/** Fires an intent up to the widget; it stays inside the shadow root. */
export function emit(el, type, detail = {}) {
  el.dispatchEvent(new CustomEvent(type, { detail, bubbles: true }));
}

/** Shows or hides an element with the `hidden` attribute, touching the DOM only on change. */
export function show(el, visible) {
  if (el.hidden === visible) el.hidden = !visible;
}

/** Sets text only when it differs (avoids needless announcements in live regions). */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

const SVG = 'http://www.w3.org/2000/svg';
const PATHS = {
  chat: 'M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H11l-4.2 3.4c-.5.4-1.3 0-1.3-.6V16h0A2.5 2.5 0 0 1 4 13.5z',
  close: 'M6 6l12 12M18 6L6 18',
  send: 'M4.5 12h11M12 5.5 18.5 12 12 18.5',
  minimize: 'M6 9l6 6 6-6',
  retry: 'M4 12a8 8 0 1 0 2.3-5.7M4 4v4.5h4.5',
};

/** A decorative line icon. */
export function icon(name, size = 20) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', size);
  svg.setAttribute('height', size);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `icon icon-${name}`);
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', PATHS[name]);
  svg.append(path);
  return svg;
}
