// Small formatting helpers shared by the console's elements.

const names = new Intl.DisplayNames(['en'], { type: 'language', languageDisplay: 'standard' });

/** "fr_BE" -> "French (Belgium)"; the code itself when the browser does not know it. */
export function languageName(code) {
  if (!code) return '';
  try {
    return names.of(code.replace('_', '-')) ?? code;
  } catch {
    return code;
  }
}

/** "HH:MM" in the operator's time zone. */
export function clockTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Creates an element with a class and text, the only way the console puts text on screen. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}
