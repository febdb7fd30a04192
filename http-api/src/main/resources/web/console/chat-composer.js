// The Composer: Enter sends, Shift+Enter adds a line.
// Properties: disabled, placeholder, label. Fires `composer-send` (detail: {text}) and
// `composer-typing`.

import { el } from './format.js';

const MAX_LENGTH = 4000;

class ChatComposer extends HTMLElement {
  #textarea;
  #button;
  #disabled = false;
  #placeholder = 'Write a message…';
  #label = 'Message';

  connectedCallback() {
    if (this.#textarea) return;
    const form = el('form', 'composer-form');
    this.#textarea = el('textarea', 'composer');
    this.#textarea.rows = 2;
    this.#textarea.maxLength = MAX_LENGTH;
    this.#textarea.title = 'Enter sends; Shift+Enter starts a new line';
    this.#button = el('button', 'button button-primary send', 'Send');
    this.#button.type = 'submit';
    form.append(this.#textarea, this.#button);
    this.replaceChildren(form);

    this.#textarea.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.#submit();
      }
    });
    this.#textarea.addEventListener('input', () => {
      if (this.#textarea.value.trim()) this.#fire('composer-typing');
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#submit();
    });
    this.#apply();
  }

  set disabled(disabled) { this.#disabled = Boolean(disabled); this.#apply(); }

  set placeholder(text) { this.#placeholder = text; this.#apply(); }

  set label(text) { this.#label = text; this.#apply(); }

  #apply() {
    if (!this.#textarea) return;
    this.#textarea.disabled = this.#disabled;
    this.#button.disabled = this.#disabled;
    this.#textarea.placeholder = this.#placeholder;
    this.#textarea.setAttribute('aria-label', this.#label);
  }

  #submit() {
    const text = this.#textarea.value.trim();
    if (!text || this.#disabled) return;
    this.#fire('composer-send', { text });
    this.#textarea.value = '';
  }

  #fire(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, detail }));
  }
}

customElements.define('chat-composer', ChatComposer);
