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

/** "just now", "2 min ago", "3 h ago", "4 days ago": how long before `now` the instant was. */
export function timeAgo(iso, now = Date.now()) {
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return '';
  const minutes = Math.floor(Math.max(0, now - time) / 60000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

/** Creates an element with a class and text, the only way the console puts text on screen. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}
