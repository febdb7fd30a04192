// What the browser remembers per channel, in localStorage under `livechat.<channelId>`:
// {conversationId, visitorToken, lastSeq, open}. Storage may be refused (private mode, quota):
// the chat then works until the visitor leaves the page.

export function load(channelId) {
  try {
    const value = JSON.parse(localStorage.getItem(`livechat.${channelId}`) || 'null');
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

export function save(channelId, { conversationId, visitorToken, lastSeq, open }) {
  try {
    localStorage.setItem(`livechat.${channelId}`, JSON.stringify({ conversationId, visitorToken, lastSeq, open }));
  } catch {
    // Nothing to do: see above.
  }
}

/** Whether a visitor token says it has expired (a signed JWT; when unreadable, assume not). */
export function tokenExpired(token) {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return typeof payload.exp === 'number' && payload.exp * 1000 < Date.now();
  } catch {
    return false;
  }
}
