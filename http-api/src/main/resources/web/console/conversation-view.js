// A conversation in the main area (#/inbox/<id>): the whole thread, chatted in exactly as
// in a chat window. Properties: conversationId, conversation.

import { buildHeader, renderHeader, wireHeader } from './conversation-header.js';
import { el } from './format.js';

class ConversationView extends HTMLElement {
  #conversationId = null;
  #conversation = null;
  #header = null;
  #thread = null;

  set conversationId(id) {
    this.#conversationId = id;
    this.dataset.conversationId = id;
  }

  get conversationId() { return this.#conversationId; }

  set conversation(state) {
    this.#conversation = state;
    this.#render();
  }

  connectedCallback() {
    if (this.#header) return;
    this.#header = buildHeader('h1');
    const bar = el('header', 'conversation-bar');
    bar.append(this.#header.identity, this.#header.actions);
    this.#thread = document.createElement('chat-thread');
    this.append(bar, this.#thread);
    wireHeader(this.#header, this, this.#thread);
    this.#render();
  }

  #render() {
    if (!this.#header) return;
    renderHeader(this.#header, this.#conversation);
    if (this.#conversation) this.#thread.conversation = this.#conversation;
  }
}

customElements.define('conversation-view', ConversationView);
