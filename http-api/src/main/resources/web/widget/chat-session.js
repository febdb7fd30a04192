// The visitor's side of one channel: the channel's availability, the conversation (started by the
// first message, remembered in localStorage across reloads), its messages and the socket. No DOM:
// it holds `state` and fires `change`; the elements render it.
import { MessageLog } from './message-log.js';
import * as storage from './visitor-storage.js';

const TYPING_SHOWN_MS = 4_000;
const TYPING_EVERY_MS = 3_000;
const ACK_TIMEOUT_MS = 15_000;
const LOST_NOTICE_MS = 1_500;
const STATUS_REFRESH_MS = 30_000;
const GAP_WAIT_MS = 500;

export class ChatSession extends EventTarget {
  #api;
  #channelId;
  #token = null;
  #socket = null;
  #log = new MessageLog();
  #gapTimer = 0;
  #starting = false;
  #visitorName = '';
  #lastTypingSent = 0;
  #typingTimer = 0;
  #lostTimer = 0;
  #statusTimer = 0;
  #ackTimers = new Map();

  state = {
    open: false,
    channel: null, // {name, available} once known
    channelError: null,
    conversation: null, // {id, status, operator, queuePosition, rating}
    messages: this.#log.messages,
    typing: null, // display name of whoever is typing
    unread: 0,
    connectionLost: false,
    expired: false,
    resuming: false, // loading the remembered conversation
    rating: { status: 'idle', error: null },
  };

  constructor(api, channelId) {
    super();
    this.#api = api;
    this.#channelId = channelId;
  }

  /** idle | away | waiting | active | closed, or null while nothing is known yet. */
  get phase() {
    const { conversation, channel, resuming } = this.state;
    if (resuming) return null;
    if (conversation) return conversation.status;
    if (channel) return channel.available ? 'idle' : 'away';
    return null;
  }

  async boot() {
    const stored = storage.load(this.#channelId);
    const remembered = typeof stored.conversationId === 'string' && typeof stored.visitorToken === 'string';
    this.#set({ open: stored.open === true, resuming: remembered });
    const reachable = await this.refreshChannel();
    if (remembered) {
      if (storage.tokenExpired(stored.visitorToken)) this.#forget(true);
      else await this.#resume(stored.conversationId, stored.visitorToken, reachable);
      this.#set({ resuming: false });
    }
    this.#pollStatus(false);
  }

  /** Asks whether anyone can answer; true when the server answered. */
  async refreshChannel() {
    try {
      const status = await this.#api.channelStatus(this.#channelId);
      this.#set({ channel: { name: status.name, available: status.available === true }, channelError: null });
      return true;
    } catch (error) {
      this.#set({ channel: { name: this.state.channel?.name ?? null, available: false }, channelError: error });
      return error.status !== 0;
    }
  }

  setOpen(open) {
    if (open === this.state.open) return;
    this.#set({ open, unread: open ? 0 : this.state.unread });
    this.#save();
    this.#pollStatus(true);
  }

  /** The visitor sends a message; the first one starts the conversation. */
  send(text, visitorName) {
    text = text.trim();
    if (!text || this.state.conversation?.status === 'closed') return;
    const message = this.#log.addOwn(text, uuid(), visitorName);
    this.#changed();
    if (this.state.conversation) {
      this.#transmit(message);
    } else {
      this.#visitorName = visitorName?.trim() || '';
      this.#start();
    }
  }

  /** Sends a failed message again, with the same clientMessageId. */
  retry(clientMessageId) {
    const message = this.#log.pending(clientMessageId);
    if (!message) return;
    message.error = null;
    this.#changed();
    if (this.state.conversation) this.#transmit(message);
    else this.#start();
  }

  /** The visitor is typing: tell the operator, at most once every 3 s. */
  typing() {
    const conversation = this.state.conversation;
    if (!conversation || conversation.status === 'closed') return;
    const now = Date.now();
    if (now - this.#lastTypingSent < TYPING_EVERY_MS) return;
    if (this.#socket?.send({ type: 'typing', conversationId: conversation.id })) this.#lastTypingSent = now;
  }

  async rate(value, comment) {
    const conversation = this.state.conversation;
    if (!conversation) return;
    this.#set({ rating: { status: 'sending', error: null } });
    try {
      await this.#api.rate(conversation.id, this.#token, value, comment?.trim() || undefined);
      conversation.rating = { value, comment: comment?.trim() || null };
      this.#set({ rating: { status: 'sent', error: null } });
    } catch (error) {
      this.#set({ rating: { status: 'error', error } });
    }
  }

  /** Forgets the conversation: the next message starts a new one. */
  restart() {
    this.#forget(false);
    this.refreshChannel();
  }

  // ---------------------------------------------------------------- conversation life

  async #start() {
    if (this.#starting) return;
    this.#starting = true;
    try {
      const started = await this.#api.startConversation(this.#channelId, {
        visitorName: this.#visitorName || undefined,
        pageUrl: location.href.slice(0, 2048),
      });
      this.#token = started.visitorToken;
      this.state.conversation = {
        id: started.conversationId,
        status: started.status,
        operator: started.operator || null,
        queuePosition: started.queuePosition ?? null,
        rating: null,
      };
      this.#save();
      this.#changed();
      this.#connect();
      this.#reportPage();
    } catch (error) {
      for (const message of this.state.messages) if (message.pending) message.error = error;
      this.#changed();
    } finally {
      this.#starting = false;
    }
  }

  /**
   * Shows the remembered conversation again. `reachable`: the server answered just now, so a
   * failure without a status is an error response the browser hid (no CORS headers on it).
   */
  async #resume(conversationId, token, reachable) {
    this.#token = token;
    try {
      const conversation = await this.#api.conversation(conversationId, token);
      this.#applyConversation(conversationId, conversation);
      const messages = await this.#api.messages(conversationId, token, 0);
      this.#addMessages(messages);
      this.#changed();
    } catch (error) {
      if (isGone(error) || (reachable && error.status === 0 && !this.state.conversation)) {
        this.#forget(true);
        return;
      }
      // Unreachable for now: keep the conversation; the socket retries and resynchronises.
      this.state.conversation ??= { id: conversationId, status: 'waiting', operator: null, queuePosition: null, rating: null };
      this.#changed();
    }
    if (this.state.conversation.status !== 'closed') {
      this.#connect();
      this.#reportPage();
    }
  }

  /** Tells the operator which page the visitor is on (each page the visitor opens). */
  #reportPage() {
    const conversation = this.state.conversation;
    if (!conversation || !this.#token) return;
    this.#api
      .reportPage(conversation.id, this.#token, location.href.slice(0, 2048), document.title.slice(0, 300))
      .catch(() => {});
  }

  #connect() {
    this.#socket?.stop();
    const socket = this.#api.socket(this.#token);
    socket.addEventListener('open', () => this.#onOpen());
    socket.addEventListener('down', () => this.#onDown());
    socket.addEventListener('frame', (event) => this.#onFrame(event.detail));
    this.#socket = socket;
    socket.start();
  }

  #onOpen() {
    clearTimeout(this.#lostTimer);
    this.#lostTimer = 0;
    const conversation = this.state.conversation;
    if (!conversation) return;
    this.#socket.send({ type: 'subscribe', conversationId: conversation.id, afterSeq: this.#log.lastSeq });
    for (const message of this.state.messages) {
      if (message.pending && !message.error) this.#transmit(message);
    }
    if (this.state.connectionLost) this.#set({ connectionLost: false });
    this.#resync();
  }

  /** A short drop goes unnoticed; a longer one shows "Reconnecting…" until the next open. */
  #onDown() {
    if (this.#lostTimer || this.state.connectionLost) return;
    this.#lostTimer = setTimeout(() => {
      this.#lostTimer = 0;
      this.#set({ connectionLost: true });
    }, LOST_NOTICE_MS);
  }

  /** Status changes may have been missed while disconnected: ask for the conversation again. */
  async #resync() {
    const conversation = this.state.conversation;
    if (!conversation) return;
    try {
      const fresh = await this.#api.conversation(conversation.id, this.#token);
      if (this.state.conversation?.id !== conversation.id) return;
      this.#applyConversation(conversation.id, fresh);
      this.#changed();
    } catch (error) {
      if (isGone(error) && this.state.conversation?.id === conversation.id) this.#forget(true);
    }
  }

  #onFrame(frame) {
    const conversation = this.state.conversation;
    if (!conversation) return;
    if (frame.conversationId && frame.conversationId !== conversation.id) return;
    switch (frame.type) {
      case 'message':
        if (!this.state.open && frame.author?.kind === 'operator' && !this.#log.has(frame.seq)) this.state.unread += 1;
        if (this.#addMessages([frame]) && frame.author?.kind === 'operator') this.#showTyping(null);
        break;
      case 'ack':
        this.#onAck(frame);
        break;
      case 'conversation':
        this.#applyConversation(conversation.id, frame);
        this.#changed();
        break;
      case 'typing':
        if (frame.author?.kind !== 'visitor') this.#showTyping(frame.author?.displayName || '');
        break;
      case 'error':
        this.#onError(frame);
        break;
    }
  }

  #onAck({ clientMessageId, seq }) {
    this.#stopAckTimer(clientMessageId);
    if (this.#log.confirm(clientMessageId, seq)) this.#seqsChanged();
  }

  #onError(frame) {
    const message = frame.clientMessageId ? this.#log.pending(frame.clientMessageId) : null;
    if (message) {
      this.#stopAckTimer(message.clientMessageId);
      message.error = { code: frame.code, message: frame.message };
      this.#changed();
    }
    if (['unauthorized', 'token_expired'].includes(frame.code) && !frame.clientMessageId) {
      this.#forget(true); // token expired
    } else if (['forbidden', 'conversation_closed'].includes(frame.code)) this.#resync();
  }

  #applyConversation(id, c) {
    const previous = this.state.conversation;
    this.state.conversation = {
      id,
      status: c.status || previous?.status || 'waiting',
      operator: c.operator || null,
      queuePosition: c.queuePosition ?? null,
      rating: c.rating !== undefined ? c.rating : previous?.rating ?? null,
    };
    if (c.status === 'closed') {
      this.#showTyping(null);
      for (const message of this.state.messages) {
        if (message.pending && !message.error) message.error = { code: 'conversation_closed' };
      }
    }
  }

  /** Adds stored messages, each unless its seq is already shown; true when any was added. */
  #addMessages(messages) {
    let added = false;
    for (const m of messages) {
      if (!this.#log.add(m)) continue;
      if (m.clientMessageId) this.#stopAckTimer(m.clientMessageId);
      added = true;
    }
    if (added) this.#seqsChanged();
    return added;
  }

  #seqsChanged() {
    this.#save();
    if (this.#log.hasGap) this.#fillGap();
    this.#changed();
  }

  /**
   * A message arrived after one that did not (e.g. the visitor's own, acknowledged before a
   * resubscription replayed what was missed): fetch what is missing.
   */
  #fillGap() {
    if (this.#gapTimer) return;
    this.#gapTimer = setTimeout(async () => {
      this.#gapTimer = 0;
      const conversation = this.state.conversation;
      if (!conversation || !this.#log.hasGap) return;
      try {
        const messages = await this.#api.messages(conversation.id, this.#token, this.#log.lastSeq);
        if (this.state.conversation?.id !== conversation.id) return;
        this.#addMessages(messages);
      } catch {
        // The next message or reconnect tries again.
      }
    }, GAP_WAIT_MS);
  }

  #transmit(message) {
    const sent = this.#socket?.send({
      type: 'send',
      conversationId: this.state.conversation.id,
      text: message.text,
      clientMessageId: message.clientMessageId,
    });
    if (!sent) return; // sent when the socket (re)opens
    this.#stopAckTimer(message.clientMessageId);
    this.#ackTimers.set(
      message.clientMessageId,
      setTimeout(() => {
        if (message.pending && !message.error) {
          message.error = { code: 'not_delivered' };
          this.#changed();
        }
      }, ACK_TIMEOUT_MS),
    );
  }

  #stopAckTimer(clientMessageId) {
    clearTimeout(this.#ackTimers.get(clientMessageId));
    this.#ackTimers.delete(clientMessageId);
  }

  #showTyping(name) {
    clearTimeout(this.#typingTimer);
    if (name !== null) this.#typingTimer = setTimeout(() => this.#set({ typing: null }), TYPING_SHOWN_MS);
    if (this.state.typing !== name) this.#set({ typing: name });
  }

  #forget(expired) {
    this.#socket?.stop();
    this.#socket = null;
    this.#token = null;
    this.#log.clear();
    clearTimeout(this.#gapTimer);
    this.#gapTimer = 0;
    for (const timer of this.#ackTimers.values()) clearTimeout(timer);
    this.#ackTimers.clear();
    clearTimeout(this.#lostTimer);
    this.#lostTimer = 0;
    clearTimeout(this.#typingTimer);
    Object.assign(this.state, {
      conversation: null,
      messages: this.#log.messages,
      typing: null,
      unread: 0,
      connectionLost: false,
      expired,
      rating: { status: 'idle', error: null },
    });
    this.#save();
    this.#changed();
  }

  /** While the panel is open before any conversation, availability is checked now and then. */
  #pollStatus(now) {
    clearInterval(this.#statusTimer);
    if (!this.state.open) return;
    if (now && !this.state.conversation) this.refreshChannel();
    this.#statusTimer = setInterval(() => {
      if (!this.state.conversation) this.refreshChannel();
    }, STATUS_REFRESH_MS);
  }

  // ---------------------------------------------------------------- storage and events

  #save() {
    const conversation = this.state.conversation;
    storage.save(this.#channelId, {
      conversationId: conversation?.id ?? null,
      visitorToken: conversation ? this.#token : null,
      lastSeq: this.#log.lastSeq,
      open: this.state.open,
    });
  }

  #set(patch) {
    Object.assign(this.state, patch);
    this.#changed();
  }

  #changed() {
    this.dispatchEvent(new Event('change'));
  }
}

function isGone(error) {
  return error?.status === 401 || error?.status === 403 || error?.status === 404;
}

function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
