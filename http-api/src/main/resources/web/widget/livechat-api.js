// The only module that speaks to the livechat server: REST calls with fetch, and the visitor's
// socket (ping, reconnect with backoff). It knows nothing about the page or the widget's state.

const PING_MS = 60_000;
const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 30_000;
const STABLE_MS = 10_000;

/** A failed call: `status` 0 when the server could not be reached. */
export class ApiError extends Error {
  constructor(status, code, message, retryAfter = null) {
    super(message || code);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

export class LivechatApi {
  /** @param {string} origin the server's origin, e.g. https://chat.example.com */
  constructor(origin) {
    this.origin = origin;
  }

  channelStatus(channelId) {
    return this.#call('GET', `/api/channels/${enc(channelId)}/status`);
  }

  /** → {conversationId, visitorToken, status, operator, queuePosition} */
  startConversation(channelId, { visitorName, pageUrl }) {
    const body = { pageUrl };
    if (visitorName) body.visitorName = visitorName;
    return this.#call('POST', `/api/channels/${enc(channelId)}/conversations`, { body });
  }

  conversation(id, token) {
    return this.#call('GET', `/api/conversations/${enc(id)}`, { token });
  }

  /** Every message after `after`, page by page, in seq order. */
  async messages(id, token, after = 0, limit = 200) {
    const all = [];
    for (;;) {
      const page = await this.#call(
        'GET',
        `/api/conversations/${enc(id)}/messages?after=${after}&limit=${limit}`,
        { token },
      );
      const messages = page?.messages || [];
      all.push(...messages);
      if (messages.length < limit) return all;
      after = messages[messages.length - 1].seq;
    }
  }

  rate(id, token, value, comment) {
    const body = { value };
    if (comment) body.comment = comment;
    return this.#call('POST', `/api/conversations/${enc(id)}/rating`, { token, body });
  }

  reportPage(id, token, url, title) {
    const body = { url };
    if (title) body.title = title;
    return this.#call('POST', `/api/conversations/${enc(id)}/pages`, { token, body });
  }

  /** A socket for this visitor token; call start() to connect. */
  socket(token) {
    const url = new URL('/ws', this.origin);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', token);
    return new LiveSocket(url.href);
  }

  async #call(method, path, { token, body } = {}) {
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(new URL(path, this.origin).href, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        mode: 'cors',
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, 'network', null);
    }
    const json = await response.json().catch(() => null);
    if (!response.ok) {
      const error = json?.error || {};
      const retryAfter = Number(response.headers.get('Retry-After')) || null;
      throw new ApiError(response.status, error.code || `http_${response.status}`, error.message, retryAfter);
    }
    return json;
  }
}

/**
 * A socket that stays connected until stop(): it pings every 60 s and reconnects after a drop,
 * waiting 1 s, then twice as long each time up to 30 s, with jitter. Events: `open` after each
 * (re)connect, `frame` (detail: the parsed frame), `down` when the connection is lost.
 */
export class LiveSocket extends EventTarget {
  #url;
  #ws = null;
  #attempt = 0;
  #stopped = true;
  #retryTimer = 0;
  #pingTimer = 0;
  #stableTimer = 0;
  #onOnline = () => this.reconnectNow();

  constructor(url) {
    super();
    this.#url = url;
  }

  get isOpen() {
    return this.#ws?.readyState === WebSocket.OPEN;
  }

  start() {
    if (!this.#stopped) return;
    this.#stopped = false;
    window.addEventListener('online', this.#onOnline);
    this.#connect();
  }

  stop() {
    this.#stopped = true;
    window.removeEventListener('online', this.#onOnline);
    this.#clearTimers();
    const ws = this.#ws;
    this.#ws = null;
    if (ws) {
      ws.onclose = ws.onmessage = ws.onerror = ws.onopen = null;
      ws.close();
    }
  }

  /** Skips the wait of a pending reconnect (e.g. when the browser comes back online). */
  reconnectNow() {
    if (this.#stopped || this.#ws) return;
    clearTimeout(this.#retryTimer);
    this.#connect();
  }

  /** Sends a frame if connected; returns whether it went out. */
  send(frame) {
    if (!this.isOpen) return false;
    this.#ws.send(JSON.stringify(frame));
    return true;
  }

  #connect() {
    let ws;
    try {
      ws = new WebSocket(this.#url);
    } catch {
      this.#scheduleRetry();
      return;
    }
    this.#ws = ws;
    ws.onopen = () => {
      this.#pingTimer = setInterval(() => this.send({ type: 'ping' }), PING_MS);
      this.#stableTimer = setTimeout(() => (this.#attempt = 0), STABLE_MS);
      this.dispatchEvent(new Event('open'));
    };
    ws.onmessage = (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame && frame.type !== 'pong') {
        this.dispatchEvent(new CustomEvent('frame', { detail: frame }));
      }
    };
    ws.onclose = () => {
      this.#ws = null;
      this.#clearTimers();
      if (this.#stopped) return;
      this.dispatchEvent(new Event('down'));
      this.#scheduleRetry();
    };
  }

  #scheduleRetry() {
    const base = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** this.#attempt);
    this.#attempt += 1;
    const delay = Math.min(LONGEST_RETRY_MS, base * (0.75 + Math.random() * 0.5));
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  #clearTimers() {
    clearTimeout(this.#retryTimer);
    clearInterval(this.#pingTimer);
    clearTimeout(this.#stableTimer);
  }
}

const enc = encodeURIComponent;
