// The Thread of one conversation, shared by the chat window and the main view: messages,
// the visitor typing, the rating, the transfer picker and the composer.
// Property: conversation (a state from conversations.js). Method: toggleTransfer().
// Commands and their answers are shown to the operator only, among the messages, never sent.
// Fires `thread-send`, `thread-command`, `thread-typing`, `conversation-transfer`,
// `thread-dismiss-error` (detail: {conversationId, ...}).

import { isOpenForReply } from './conversations.js';
import { clockTime, el } from './format.js';

const NEAR_BOTTOM_PX = 48;

class ChatThread extends HTMLElement {
  #conversation = null;
  #parts = null;
  #rendered = new Map();
  #transferOpen = false;

  set conversation(state) {
    if (state !== this.#conversation) this.#reset();
    this.#conversation = state;
    this.#render();
  }

  get conversation() { return this.#conversation; }

  connectedCallback() {
    if (!this.#parts) this.#build();
    this.#render();
  }

  toggleTransfer() {
    const state = this.#conversation;
    if (!isOpenForReply(state)) return;
    this.#transferOpen = !this.#transferOpen;
    this.#render();
    if (this.#transferOpen) this.#parts.picker.open(state.channelId);
  }

  scrollToEnd() {
    if (this.#parts) this.#parts.scroller.scrollTop = this.#parts.scroller.scrollHeight;
  }

  #build() {
    const status = el('p', 'conversation-status');
    status.setAttribute('role', 'status');
    const scroller = el('div', 'thread-scroll');
    const log = el('ol', 'messages');
    log.setAttribute('role', 'log');
    log.setAttribute('aria-live', 'polite');
    log.tabIndex = 0;
    const empty = el('p', 'thread-empty');
    scroller.append(log, empty);
    const typing = el('p', 'typing-indicator');
    typing.hidden = true;
    typing.setAttribute('aria-live', 'polite');
    const rating = el('p', 'rating');
    rating.hidden = true;
    const error = el('div', 'thread-error');
    error.setAttribute('role', 'alert');
    error.hidden = true;
    const picker = document.createElement('transfer-picker');
    picker.hidden = true;
    const composer = document.createElement('chat-composer');

    this.append(status, scroller, typing, rating, error, picker, composer);
    this.#parts = { status, scroller, log, empty, typing, rating, error, picker, composer };

    this.addEventListener('composer-send', (e) => this.#fire('thread-send', { text: e.detail.text }));
    this.addEventListener('composer-command', (e) => this.#fire('thread-command', { text: e.detail.text }));
    this.addEventListener('composer-typing', () => this.#fire('thread-typing'));
    this.addEventListener('transfer-cancel', () => {
      this.#transferOpen = false;
      this.#render();
    });
    this.addEventListener('transfer-confirm', (e) => {
      this.#fire('conversation-transfer', { operatorId: e.detail.operatorId });
    });
  }

  #reset() {
    this.#rendered.clear();
    this.#parts?.log.replaceChildren();
    this.#transferOpen = false;
  }

  #render() {
    const state = this.#conversation;
    if (!this.#parts || !state) return;
    const { scroller, log, composer } = this.#parts;
    const nearBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_BOTTOM_PX;
    const before = log.children.length;

    log.setAttribute('aria-label', `Messages with ${state.visitorName}`);
    this.#renderMessages(state);
    this.#renderStatus(state);
    this.#renderExtras(state);

    const open = isOpenForReply(state);
    if (!open) this.#transferOpen = false;
    this.#parts.picker.hidden = !this.#transferOpen;
    composer.disabled = !open;
    composer.label = `Reply to ${state.visitorName}`;
    composer.placeholder = open
      ? 'Write a message…'
      : 'You can no longer reply in this conversation.';
    if (nearBottom || log.children.length > before && this.contains(document.activeElement)) {
      this.scrollToEnd();
    }
  }

  #renderMessages(state) {
    const log = this.#parts.log;
    const keep = new Set();
    let index = 0;
    const place = (key, item) => {
      keep.add(key);
      if (log.children[index] !== item) log.insertBefore(item, log.children[index] ?? null);
      index += 1;
    };
    const notes = state.notes ?? [];
    const placeNotes = (afterSeq) => {
      for (const note of notes) {
        if (note.afterSeq !== afterSeq) continue;
        const key = `note:${note.id}`;
        let item = this.#rendered.get(key);
        if (!item) this.#rendered.set(key, (item = noteItem(note)));
        updateNote(item, note);
        place(key, item);
      }
    };
    const lastSeq = state.messages.at(-1)?.seq ?? 0;
    placeNotes(0);
    for (const message of state.messages) {
      const key = `seq:${message.seq}`;
      let item = this.#rendered.get(key);
      if (!item) this.#rendered.set(key, (item = messageItem(message)));
      place(key, item);
      placeNotes(message.seq);
    }
    const later = new Set(notes.map((note) => note.afterSeq).filter((seq) => seq > lastSeq));
    for (const afterSeq of [...later].sort((a, b) => a - b)) placeNotes(afterSeq);
    for (const pending of state.pending.values()) {
      const key = `pending:${pending.clientMessageId}`;
      let item = this.#rendered.get(key);
      if (!item) this.#rendered.set(key, (item = pendingItem(pending)));
      updatePending(item, pending);
      place(key, item);
    }
    for (const [key, item] of this.#rendered) {
      if (!keep.has(key)) {
        item.remove();
        this.#rendered.delete(key);
      }
    }
    const empty = this.#parts.empty;
    const nothing = state.messages.length === 0 && state.pending.size === 0 && notes.length === 0;
    empty.hidden = !nothing || state.load === 'error';
    empty.textContent = state.load === 'ready' ? 'No messages yet.' : 'Loading messages…';
  }

  #renderStatus(state) {
    let text = '';
    if (state.load === 'error') text = state.loadError;
    else if (state.status === 'closed') text = 'This conversation has ended';
    else if (state.transferredTo) text = `Transferred to ${state.transferredTo}. You can no longer reply here.`;
    else if (state.status === 'waiting') text = 'The visitor is waiting for an operator.';
    const status = this.#parts.status;
    status.textContent = text;
    status.hidden = !text;
    status.classList.toggle('is-error', state.load === 'error');
  }

  #renderExtras(state) {
    const { typing, rating, error, picker } = this.#parts;
    typing.hidden = !state.typing;
    typing.textContent = state.typing ? `${state.typing.name} is typing…` : '';

    rating.hidden = !state.rating;
    if (state.rating) {
      const stars = '★'.repeat(state.rating.value) + '☆'.repeat(5 - state.rating.value);
      const starIcons = el('span', 'rating-stars', stars);
      starIcons.setAttribute('aria-hidden', 'true');
      rating.replaceChildren(starIcons, ` Rated ${state.rating.value}/5`);
      if (state.rating.comment) rating.append(' — ', el('q', 'rating-comment', state.rating.comment));
    }

    error.hidden = !state.actionError;
    if (state.actionError) {
      const dismiss = el('button', 'button button-quiet button-small', 'Dismiss');
      dismiss.type = 'button';
      dismiss.addEventListener('click', () => this.#fire('thread-dismiss-error'));
      error.replaceChildren(el('span', '', state.actionError), dismiss);
      picker.reset();
    }
  }

  #fire(type, detail = {}) {
    this.dispatchEvent(new CustomEvent(type, {
      bubbles: true, detail: { conversationId: this.#conversation?.id, ...detail },
    }));
  }
}

function messageItem(message) {
  const item = el('li', `message message-${message.author.kind}`);
  item.dataset.seq = String(message.seq);
  const meta = el('div', 'message-meta');
  const time = el('time', 'message-time', clockTime(message.at));
  time.dateTime = message.at;
  meta.append(el('span', 'message-author', message.author.displayName), time);
  item.append(meta, el('p', 'message-text', message.text));
  return item;
}

/** A command and its answer: a muted line that only this operator sees, never stored. */
function noteItem(note) {
  const item = el('li', 'message message-note');
  item.dataset.noteId = note.id;
  const meta = el('div', 'message-meta');
  const time = el('time', 'message-time', clockTime(note.at));
  time.dateTime = note.at;
  meta.append(el('span', 'note-label', 'Only you can see this'), time);
  item.append(meta, el('p', 'note-command', note.command), el('p', 'note-reply'));
  return item;
}

function updateNote(item, note) {
  const reply = item.querySelector('.note-reply');
  item.classList.toggle('failed', Boolean(note.error));
  if (note.error) reply.textContent = note.error;
  else reply.textContent = note.reply ?? 'Running…';
  item.setAttribute('aria-busy', String(note.reply === null && !note.error));
}

function pendingItem(pending) {
  const item = el('li', 'message message-operator pending');
  item.dataset.clientMessageId = pending.clientMessageId;
  const meta = el('div', 'message-meta');
  const time = el('time', 'message-time', clockTime(pending.at));
  time.dateTime = pending.at;
  meta.append(el('span', 'message-author', 'You'), time, el('span', 'message-state'));
  item.append(meta, el('p', 'message-text', pending.text));
  return item;
}

function updatePending(item, pending) {
  const state = item.querySelector('.message-state');
  item.classList.toggle('failed', Boolean(pending.error));
  state.classList.toggle('message-error', Boolean(pending.error));
  if (pending.error) state.textContent = `Not sent: ${pending.error}`;
  else if (pending.offline) state.textContent = 'Waiting for the connection…';
  else state.textContent = pending.seq === null ? 'Sending…' : 'Sent';
}

customElements.define('chat-thread', ChatThread);
