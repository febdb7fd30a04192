// A ChatWindow docked at the bottom right: header, then the shared thread.
// Properties: conversationId, conversation, folded. Fires `window-fold`, `window-close`.

import { buildHeader, renderHeader, wireHeader } from './conversation-header.js';
import { el } from './format.js';

class ChatWindow extends HTMLElement {
  #conversationId = null;
  #conversation = null;
  #header = null;
  #thread = null;
  #fold;
  #badge;

  set conversationId(id) {
    this.#conversationId = id;
    this.dataset.conversationId = id;
  }

  get conversationId() { return this.#conversationId; }

  set conversation(state) {
    this.#conversation = state;
    this.#render();
  }

  set folded(folded) {
    this.toggleAttribute('folded', folded);
    this.#render();
    if (!folded) this.#thread?.scrollToEnd();
  }

  get folded() { return this.hasAttribute('folded'); }

  connectedCallback() {
    if (this.#header) return;
    this.setAttribute('role', 'region');
    this.#header = buildHeader('h2');
    const bar = el('header', 'chat-window-bar');
    this.#badge = el('span', 'unread-badge');
    this.#fold = el('button', 'icon-button fold');
    this.#fold.type = 'button';
    const close = el('button', 'icon-button close-window', '×');
    close.type = 'button';
    close.setAttribute('aria-label', 'Close this window (the conversation stays open)');
    close.title = 'Close window';
    const controls = el('div', 'chat-window-controls');
    controls.append(this.#badge, this.#fold, close);
    bar.append(this.#header.identity, controls);

    const body = el('div', 'chat-window-body');
    this.#thread = document.createElement('chat-thread');
    body.append(this.#header.actions, this.#thread);
    this.append(bar, body);

    const fire = (type) => this.dispatchEvent(new CustomEvent(type, {
      bubbles: true, detail: { conversationId: this.#conversationId },
    }));
    this.#fold.addEventListener('click', () => fire('window-fold'));
    this.#header.identity.addEventListener('click', () => fire('window-fold'));
    close.addEventListener('click', () => fire('window-close'));
    wireHeader(this.#header, this, this.#thread);
    this.#render();
  }

  #render() {
    if (!this.#header) return;
    const state = this.#conversation;
    renderHeader(this.#header, state);
    const name = state?.visitorName ?? 'visitor';
    this.setAttribute('aria-label', `Chat with ${name}`);
    const folded = this.folded;
    this.#fold.textContent = folded ? '▴' : '▾';
    this.#fold.setAttribute('aria-label', folded ? `Unfold the chat with ${name}` : `Fold the chat with ${name}`);
    this.#fold.setAttribute('aria-expanded', String(!folded));
    this.#fold.title = folded ? 'Unfold' : 'Fold';
    const unread = state?.unread ?? 0;
    this.#badge.hidden = !folded || unread === 0;
    this.#badge.textContent = String(unread);
    if (state) this.#thread.conversation = state;
  }
}

customElements.define('chat-window', ChatWindow);
