// Admin: one conversation with every message, in seq order. Set `conversationId` to show one.

import * as api from './api.js';
import { reportUnauthorized } from './admin-forms.js';
import { el } from './format.js';

class AdminTranscript extends HTMLElement {
  #section;

  connectedCallback() {
    if (this.#section) return;
    this.#section = el('section', 'card admin-section');
    this.#section.id = 'transcript';
    this.#section.hidden = true;
    this.replaceChildren(this.#section);
  }

  set conversationId(id) {
    this.#show(id);
  }

  async #show(id) {
    const heading = el('h2', '', 'Transcript');
    heading.id = 'transcript-heading';
    this.#section.setAttribute('aria-labelledby', heading.id);
    const close = el('button', 'button button-small', 'Close transcript');
    close.type = 'button';
    close.addEventListener('click', () => { this.#section.hidden = true; });
    const header = el('div', 'card-footer');
    header.append(heading, close);
    const state = el('p', 'muted', 'Loading…');
    state.setAttribute('role', 'status');
    this.#section.replaceChildren(header, state);
    this.#section.hidden = false;
    this.#section.scrollIntoView({ block: 'nearest' });
    let transcript;
    try {
      transcript = await api.adminGetTranscript(id);
    } catch (error) {
      reportUnauthorized(this, error);
      state.className = 'notice-error';
      state.textContent = `The transcript could not be loaded: ${error.message}`;
      return;
    }
    const summary = el('p', 'muted',
      `${transcript.visitor.name} · ${transcript.status}` +
      (transcript.operator ? ` · ${transcript.operator.displayName}` : '') +
      (transcript.rating ? ` · rated ${transcript.rating.value}` : ''));
    summary.id = 'transcript-summary';
    const list = el('ol', 'transcript-messages');
    list.id = 'transcript-messages';
    for (const message of transcript.messages) {
      const item = el('li', `transcript-message transcript-${message.author.kind}`);
      item.dataset.seq = String(message.seq);
      const meta = el('span', 'transcript-meta',
        `${message.author.displayName} · ${new Date(message.at).toLocaleString()}`);
      item.append(meta, el('span', 'transcript-text', message.text));
      list.append(item);
    }
    state.hidden = transcript.messages.length > 0;
    state.textContent = 'No messages in this conversation.';
    this.#section.replaceChildren(header, summary, state, list);
  }
}

customElements.define('admin-transcript', AdminTranscript);
