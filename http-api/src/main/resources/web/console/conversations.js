// The operator's conversations: the inbox, and for each conversation shown its thread.
// Applies socket frames and turns intents (send, seen, transfer, close) into API calls.
//
// Events: `change` (detail: {id}) when one conversation changed, `inbox` when the list did,
// `incoming` (detail: {id, reason: 'assigned'|'visitor-message'}).

import * as api from './api.js';

const TYPING_VISIBLE_MS = 4_000;
const TYPING_SEND_EVERY_MS = 3_000;

/** Whether the operator can still reply, transfer or close it. */
export function isOpenForReply(state) {
  return Boolean(state) && state.load === 'ready' && state.status !== 'closed' && !state.transferredTo;
}

function blank(id) {
  return {
    id,
    channelId: null,
    visitorName: 'Visitor',
    visitorLanguage: null,
    status: 'active',
    operatorName: null,
    unread: 0,
    lastMessage: null,
    rating: null,
    messages: [],
    seqs: new Set(),
    pending: new Map(),
    notes: [],
    typing: null,
    transferredTo: null,
    load: 'idle',
    loading: null,
    loadError: null,
    actionError: null,
    seenSent: 0,
    typingSentAt: 0,
    awaitingOutcome: false,
  };
}

export class Conversations extends EventTarget {
  #socket;
  #byId = new Map();
  #order = [];
  #inboxFetch = null;
  #inboxAgain = false;
  inboxState = 'loading';
  inboxError = null;

  constructor(socket) {
    super();
    this.#socket = socket;
    socket.addEventListener('status', (e) => e.detail.connected && this.#resendPending());
  }

  get(id) { return this.#byId.get(id); }

  /** The inbox, most recent activity first. */
  get inbox() { return this.#order.map((id) => this.#byId.get(id)); }

  /** Refetches the inbox; calls during a fetch are folded into one more fetch after it. */
  refreshInbox() {
    if (this.#inboxFetch) {
      this.#inboxAgain = true;
      return this.#inboxFetch;
    }
    this.#inboxFetch = this.#fetchInbox().finally(() => {
      this.#inboxFetch = null;
      if (this.#inboxAgain) {
        this.#inboxAgain = false;
        this.refreshInbox();
      }
    });
    return this.#inboxFetch;
  }

  async #fetchInbox() {
    const before = this.#order;
    try {
      const entries = await api.getInbox();
      const ids = entries.map((entry) => this.#mergeEntry(entry).id);
      for (const id of before) {
        if (!ids.includes(id)) this.#noteGone(this.#byId.get(id));
      }
      const added = this.#order.filter((id) => !before.includes(id) && !ids.includes(id));
      this.#order = [...added, ...ids];
      this.inboxState = 'ready';
      this.inboxError = null;
    } catch (error) {
      this.inboxState = 'error';
      this.inboxError = error.message;
    }
    this.#emitInbox();
  }

  /** Loads a conversation's details and history once, then follows it live. */
  async open(id) {
    const state = this.#ensure(id);
    if (state.load === 'ready' && !state.transferredTo) this.#socket.watch(id);
    if (state.load !== 'loading' && state.load !== 'ready') state.loading = this.#load(state);
    await state.loading;
    return state;
  }

  async #load(state) {
    const { id } = state;
    state.load = 'loading';
    this.#emit(id);
    try {
      const [view, messages] = await Promise.all([api.getConversation(id), api.getMessages(id)]);
      this.#mergeView(state, view);
      this.#socket.hold(id, messages.map((m) => m.seq));
      for (const message of messages) this.#addMessage(state, message);
      state.load = 'ready';
      state.loadError = null;
      this.#socket.watch(id);
    } catch (error) {
      state.load = 'error';
      state.loadError = error.code === 'not_your_conversation'
        ? 'This conversation is no longer assigned to you.'
        : error.message;
    }
    this.#emit(id);
  }

  /** The page no longer shows it. */
  release(id) { this.#socket.unwatch(id); }

  // ---------------------------------------------------------------- frames

  apply(frame) {
    switch (frame.type) {
      case 'message': return this.#onMessage(frame);
      case 'assigned': return this.#onAssigned(frame.conversation);
      case 'conversation': return this.#onConversation(frame);
      case 'typing': return this.#onTyping(frame);
      case 'ack': return this.#onAck(frame);
      case 'error': return this.#onError(frame);
      default: return undefined;
    }
  }

  #onMessage(frame) {
    const { type, conversationId, ...message } = frame;
    const known = this.#byId.has(conversationId);
    const state = this.#ensure(conversationId);
    const isNew = !state.lastMessage || message.seq > state.lastMessage.seq;
    this.#addMessage(state, message);
    if (message.author.kind === 'visitor') state.typing = null;
    if (message.author.kind === 'system' && state.awaitingOutcome) {
      state.awaitingOutcome = false;
      this.markSeen(conversationId);
    }
    if (isNew) {
      state.lastMessage = { seq: message.seq, text: message.text, at: message.at };
      if (message.author.kind === 'visitor' && message.seq > state.seenSent) state.unread += 1;
      this.#moveToTop(conversationId);
    }
    if (!known) this.refreshInbox();
    this.#emit(conversationId);
    if (isNew && message.author.kind === 'visitor') {
      this.#incoming(conversationId, 'visitor-message');
    }
  }

  #onAssigned(entry) {
    const state = this.#mergeEntry(entry);
    if (state.transferredTo && state.load === 'ready') this.#socket.watch(entry.id);
    state.transferredTo = null;
    this.#moveToTop(entry.id);
    this.#emit(entry.id);
    this.#incoming(entry.id, 'assigned');
    this.refreshInbox();
  }

  #onConversation(frame) {
    const state = this.#ensure(frame.conversationId);
    state.status = frame.status;
    if ('rating' in frame) state.rating = frame.rating;
    state.operatorName = frame.operator?.displayName ?? state.operatorName;
    this.#emit(frame.conversationId);
    this.refreshInbox();
  }

  #onTyping(frame) {
    const state = this.#byId.get(frame.conversationId);
    if (!state || frame.author?.kind !== 'visitor') return;
    clearTimeout(state.typing?.timer);
    const timer = setTimeout(() => {
      state.typing = null;
      this.#emit(state.id);
    }, TYPING_VISIBLE_MS);
    state.typing = { name: frame.author.displayName || state.visitorName, timer };
    this.#emit(state.id);
  }

  #onAck(frame) {
    const state = this.#byId.get(frame.conversationId) ?? this.#ownerOf(frame.clientMessageId);
    const pending = state?.pending.get(frame.clientMessageId);
    if (!pending) return;
    if (state.seqs.has(frame.seq)) state.pending.delete(frame.clientMessageId);
    else pending.seq = frame.seq;
    this.#emit(state.id);
  }

  #onError(frame) {
    const state = frame.clientMessageId && this.#ownerOf(frame.clientMessageId);
    if (!state) return;
    const pending = state.pending.get(frame.clientMessageId);
    pending.error = frame.message;
    if (frame.code === 'conversation_closed') state.status = 'closed';
    this.#emit(state.id);
  }

  // ---------------------------------------------------------------- intents

  send(id, text) {
    const state = this.#byId.get(id);
    const clientMessageId = crypto.randomUUID();
    const pending = {
      clientMessageId, text, at: new Date().toISOString(), seq: null, error: null, offline: false,
    };
    state.pending.set(clientMessageId, pending);
    state.typingSentAt = 0;
    this.#emit(id);
    this.#deliver(state, pending);
  }

  typing(id) {
    const state = this.#byId.get(id);
    if (!state || Date.now() - state.typingSentAt < TYPING_SEND_EVERY_MS) return;
    if (this.#socket.send({ type: 'typing', conversationId: id })) state.typingSentAt = Date.now();
  }

  markSeen(id) {
    const state = this.#byId.get(id);
    if (!state) return;
    const seq = state.messages.at(-1)?.seq ?? 0;
    const hadUnread = state.unread > 0;
    state.unread = 0;
    if (seq > state.seenSent) {
      state.seenSent = seq;
      if (!this.#socket.send({ type: 'seen', conversationId: id, seq })) {
        api.postSeen(id, seq).catch(() => { state.seenSent = 0; });
      }
    }
    if (hadUnread) this.#emit(id);
  }

  async transfer(id, operatorId) {
    const state = this.#byId.get(id);
    try {
      const view = await api.transferConversation(id, operatorId);
      state.actionError = null;
      state.transferredTo = view.operator?.displayName ?? 'another operator';
      this.release(id);
      this.#emit(id);
      this.refreshInbox();
      return true;
    } catch (error) {
      state.actionError = error.message;
      this.#emit(id);
      return false;
    }
  }

  /** Runs a command; it and its answer are kept here, for this operator's eyes only. */
  async command(id, text) {
    const state = this.#byId.get(id);
    if (!state) return;
    const note = {
      id: crypto.randomUUID(),
      afterSeq: state.messages.at(-1)?.seq ?? 0,
      at: new Date().toISOString(),
      command: text,
      reply: null,
      error: null,
    };
    state.notes = [...state.notes, note];
    this.#emit(id);
    const name = text.trim().split(/\s+/, 1)[0].toLowerCase();
    if (name === '/close') state.awaitingOutcome = true;
    try {
      const { reply } = await api.runCommand(id, text);
      note.reply = reply;
      if (name === '/transfer') {
        state.transferredTo = /to (.+)\.$/.exec(reply)?.[1] ?? 'another operator';
        this.release(id);
        this.refreshInbox();
      }
      if (name === '/close') this.#mergeView(state, await api.getConversation(id));
    } catch (error) {
      if (name === '/close') state.awaitingOutcome = false;
      if (!note.reply) note.error = error.message;
    }
    this.#emit(id);
  }

  async close(id) {
    const state = this.#byId.get(id);
    // The "closed" system message is the operator's own doing: it is seen when it arrives.
    state.awaitingOutcome = true;
    try {
      const view = await api.closeConversation(id);
      state.actionError = null;
      this.#mergeView(state, view);
    } catch (error) {
      state.awaitingOutcome = false;
      state.actionError = error.message;
    }
    this.#emit(id);
  }

  dismissError(id) {
    const state = this.#byId.get(id);
    if (state?.actionError) {
      state.actionError = null;
      this.#emit(id);
    }
  }

  // ---------------------------------------------------------------- helpers

  async #deliver(state, pending) {
    const frame = { type: 'send', conversationId: state.id, text: pending.text, clientMessageId: pending.clientMessageId };
    if (this.#socket.send(frame)) return;
    try {
      const { seq } = await api.postMessage(state.id, pending.text, pending.clientMessageId);
      if (state.seqs.has(seq)) state.pending.delete(pending.clientMessageId);
      else pending.seq = seq;
    } catch (error) {
      if (error.status === 0) pending.offline = true;
      else pending.error = error.message;
    }
    this.#emit(state.id);
  }

  /** After a reconnect: sending again is safe, the server keeps the first copy of a clientMessageId. */
  #resendPending() {
    for (const state of this.#byId.values()) {
      for (const pending of state.pending.values()) {
        if (pending.seq === null && !pending.error) {
          pending.offline = false;
          this.#deliver(state, pending);
          this.#emit(state.id);
        }
      }
    }
  }

  #ensure(id) {
    let state = this.#byId.get(id);
    if (!state) this.#byId.set(id, (state = blank(id)));
    return state;
  }

  #ownerOf(clientMessageId) {
    for (const state of this.#byId.values()) {
      if (state.pending.has(clientMessageId)) return state;
    }
    return null;
  }

  #addMessage(state, message) {
    if (state.seqs.has(message.seq)) return;
    state.seqs.add(message.seq);
    const list = state.messages;
    let at = list.length;
    while (at > 0 && list[at - 1].seq > message.seq) at -= 1;
    list.splice(at, 0, message);
    for (const [key, pending] of state.pending) {
      if (key === message.clientMessageId || pending.seq === message.seq) state.pending.delete(key);
    }
  }

  #mergeEntry(entry) {
    const state = this.#ensure(entry.id);
    state.channelId = entry.channelId;
    state.visitorName = entry.visitorName || 'Visitor';
    const stale = state.lastMessage && entry.lastMessage && state.lastMessage.seq > entry.lastMessage.seq;
    if (stale) return state;
    state.status = entry.status;
    state.lastMessage = entry.lastMessage;
    const seenAll = entry.lastMessage && entry.lastMessage.seq <= state.seenSent;
    state.unread = seenAll ? 0 : entry.unread;
    return state;
  }

  #mergeView(state, view) {
    state.channelId = view.channelId;
    state.visitorName = view.visitor?.name || 'Visitor';
    state.visitorLanguage = view.visitor?.language ?? null;
    state.status = view.status;
    state.rating = view.rating ?? null;
    state.operatorName = view.operator?.displayName ?? null;
  }

  /** Left the inbox while still open: it was given to another operator. */
  #noteGone(state) {
    if (!state || state.status === 'closed' || state.transferredTo) return;
    state.transferredTo = state.operatorName ?? 'another operator';
    this.release(state.id);
    this.#emit(state.id);
  }

  #moveToTop(id) {
    this.#order = [id, ...this.#order.filter((other) => other !== id)];
    this.#emitInbox();
  }

  #incoming(id, reason) {
    this.dispatchEvent(new CustomEvent('incoming', { detail: { id, reason } }));
  }

  #emit(id) {
    this.dispatchEvent(new CustomEvent('change', { detail: { id } }));
    if (this.#order.includes(id)) this.#emitInbox();
  }

  #emitInbox() {
    this.dispatchEvent(new Event('inbox'));
  }
}
