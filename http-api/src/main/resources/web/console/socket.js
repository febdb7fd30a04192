// The operator's WebSocket: keeps itself open, resumes shown conversations after a
// reconnect and never hands out a message seq twice.
//
// Events: `frame` (detail: the frame), `status` (detail: {connected}), `unauthorized`.

const PING_MS = 60_000;
const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 30_000;
const STABLE_MS = 10_000;
/** Error codes that mean the token no longer works: sign in again. */
const TOKEN_ENDED = ['unauthorized', 'token_expired', 'token_revoked'];

export class LiveSocket extends EventTarget {
  #token;
  #ws = null;
  #stopped = true;
  #attempt = 0;
  #openedAt = 0;
  #pingTimer = 0;
  #retryTimer = 0;
  #connected = false;
  /** conversationId -> Set of seqs held by the page. */
  #held = new Map();
  /** Conversations the page shows: resumed on every (re)connect. */
  #watched = new Set();

  constructor(token) {
    super();
    this.#token = token;
  }

  get connected() { return this.#connected; }

  start() {
    this.#stopped = false;
    this.#connect();
  }

  stop() {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    clearInterval(this.#pingTimer);
    const ws = this.#ws;
    this.#ws = null;
    ws?.close();
    this.#connected = false;
  }

  /** Sends a frame; false when the socket is down. */
  send(frame) {
    if (!this.#connected) return false;
    this.#ws.send(JSON.stringify(frame));
    return true;
  }

  /** Marks seqs as held (e.g. loaded over REST) so the socket drops them if they come again. */
  hold(conversationId, seqs) {
    const held = this.#heldOf(conversationId);
    for (const seq of seqs) held.add(seq);
  }

  /** The highest seq held with every earlier one held too. */
  lastSeq(conversationId) {
    const held = this.#held.get(conversationId);
    let seq = 0;
    while (held?.has(seq + 1)) seq += 1;
    return seq;
  }

  /** The page shows this conversation: subscribe now and after every reconnect. */
  watch(conversationId) {
    this.#watched.add(conversationId);
    this.#subscribe(conversationId);
  }

  unwatch(conversationId) {
    this.#watched.delete(conversationId);
  }

  #heldOf(conversationId) {
    let held = this.#held.get(conversationId);
    if (!held) this.#held.set(conversationId, (held = new Set()));
    return held;
  }

  #subscribe(conversationId) {
    this.send({ type: 'subscribe', conversationId, afterSeq: this.lastSeq(conversationId) });
  }

  #connect() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}/ws?token=${encodeURIComponent(this.#token)}`);
    this.#ws = ws;
    ws.addEventListener('open', () => {
      if (ws !== this.#ws) return;
      this.#openedAt = Date.now();
      this.#connected = true;
      this.dispatchEvent(new CustomEvent('status', { detail: { connected: true } }));
      this.#pingTimer = setInterval(() => this.send({ type: 'ping' }), PING_MS);
      for (const id of this.#watched) this.#subscribe(id);
    });
    ws.addEventListener('message', (event) => {
      if (ws === this.#ws) this.#receive(event.data);
    });
    ws.addEventListener('close', () => {
      if (ws !== this.#ws) return;
      clearInterval(this.#pingTimer);
      this.#ws = null;
      this.#connected = false;
      if (this.#stopped) return;
      this.dispatchEvent(new CustomEvent('status', { detail: { connected: false } }));
      this.#retry();
    });
  }

  #retry() {
    if (this.#openedAt && Date.now() - this.#openedAt > STABLE_MS) this.#attempt = 0;
    this.#openedAt = 0;
    const ceiling = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** this.#attempt);
    this.#attempt += 1;
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  #receive(text) {
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (frame.type === 'pong') return;
    if (frame.type === 'error' && TOKEN_ENDED.includes(frame.code)) {
      this.stop();
      this.dispatchEvent(new Event('unauthorized'));
      return;
    }
    if (frame.type === 'message') {
      const held = this.#heldOf(frame.conversationId);
      if (held.has(frame.seq)) return;
      held.add(frame.seq);
    }
    this.dispatchEvent(new CustomEvent('frame', { detail: frame }));
  }
}
