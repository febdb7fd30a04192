// The Composer: Enter sends, Shift+Enter adds a line. Typing ":" and letters suggests canned
// responses (arrows move, Enter or Tab inserts, Escape closes); a text starting with "/" is a
// command, answered to the operator only.
// Properties: disabled, placeholder, label. Fires `composer-send` (detail: {text}),
// `composer-command` (detail: {text}) and `composer-typing`.

import './canned-suggestions.js';
import { cannedResponses } from './canned-responses.js';
import { el } from './format.js';

const MAX_LENGTH = 4000;
const SHORTCUT_BEFORE_CARET = /(^|\s):([a-z0-9_-]*)$/;
const COMMAND_HINT = 'A command: only you will see it and its answer. /help lists them.';

class ChatComposer extends HTMLElement {
  #textarea;
  #button;
  #suggestions;
  #hint;
  #disabled = false;
  #placeholder = 'Write a message…';
  #label = 'Message';

  connectedCallback() {
    if (this.#textarea) return;
    const form = el('form', 'composer-form');
    this.#textarea = el('textarea', 'composer');
    this.#textarea.rows = 2;
    this.#textarea.maxLength = MAX_LENGTH;
    this.#textarea.title = 'Enter sends; Shift+Enter starts a new line; ":" inserts a canned response; "/" runs a command';
    this.#textarea.setAttribute('aria-autocomplete', 'list');
    this.#textarea.setAttribute('aria-expanded', 'false');
    this.#button = el('button', 'button button-primary send', 'Send');
    this.#button.type = 'submit';
    form.append(this.#textarea, this.#button);
    this.#suggestions = document.createElement('canned-suggestions');
    this.#hint = el('p', 'composer-hint', COMMAND_HINT);
    this.#hint.hidden = true;
    this.replaceChildren(this.#suggestions, this.#hint, form);
    this.#textarea.setAttribute('aria-controls', this.#suggestions.listId);

    this.#textarea.addEventListener('keydown', (event) => this.#onKey(event));
    this.#textarea.addEventListener('focus', () => cannedResponses.refresh());
    this.#textarea.addEventListener('input', () => {
      if (this.#textarea.value.trim() && !this.#isCommand()) this.#fire('composer-typing');
      this.#update();
    });
    this.#textarea.addEventListener('click', () => this.#update());
    this.#textarea.addEventListener('blur', () => this.#close());
    this.addEventListener('suggestion-pick', (event) => this.#insert(event.detail.index));
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
    if (this.#disabled) this.#close();
  }

  #onKey(event) {
    const open = !this.#suggestions.hidden;
    if (open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      const count = this.#suggestions.items.length;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.#suggestions.activeIndex = (this.#suggestions.activeIndex + step + count) % count;
      this.#textarea.setAttribute('aria-activedescendant', this.#suggestions.activeOptionId);
      return;
    }
    if (open && (event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.#insert(this.#suggestions.activeIndex);
      return;
    }
    if (open && event.key === 'Escape') {
      event.preventDefault();
      this.#close();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.#submit();
    }
  }

  /** The ":shortcut" being typed just before the caret, if any. */
  #typedShortcut() {
    const { value, selectionStart, selectionEnd } = this.#textarea;
    if (selectionStart !== selectionEnd) return null;
    const match = SHORTCUT_BEFORE_CARET.exec(value.slice(0, selectionStart));
    return match ? { typed: match[2], start: selectionStart - match[2].length - 1 } : null;
  }

  #isCommand() {
    return this.#textarea.value.trimStart().startsWith('/');
  }

  #update() {
    this.#hint.hidden = !this.#isCommand();
    const shortcut = this.#typedShortcut();
    if (!shortcut) {
      this.#close();
      return;
    }
    const show = () => {
      const current = this.#typedShortcut();
      this.#suggestions.items = current ? cannedResponses.suggest(current.typed) : [];
      this.#textarea.setAttribute('aria-expanded', String(!this.#suggestions.hidden));
      this.#textarea.setAttribute('aria-activedescendant', this.#suggestions.activeOptionId);
    };
    show();
    cannedResponses.refresh().then(show);
  }

  /** Replaces ":shortcut" with the response's text; the operator may edit it before sending. */
  #insert(index) {
    const item = this.#suggestions.items[index];
    const shortcut = this.#typedShortcut();
    this.#close();
    if (!item || !shortcut) return;
    const { value, selectionStart } = this.#textarea;
    const text = item.text.slice(0, MAX_LENGTH - (value.length - (selectionStart - shortcut.start)));
    this.#textarea.setRangeText(text, shortcut.start, selectionStart, 'end');
    this.#textarea.focus();
    this.#fire('composer-typing');
  }

  #close() {
    if (!this.#suggestions || this.#suggestions.hidden) return;
    this.#suggestions.items = [];
    this.#textarea.setAttribute('aria-expanded', 'false');
    this.#textarea.removeAttribute('aria-activedescendant');
  }

  #submit() {
    const text = this.#textarea.value.trim();
    if (!text || this.#disabled) return;
    this.#fire(this.#isCommand() ? 'composer-command' : 'composer-send', { text });
    this.#textarea.value = '';
    this.#hint.hidden = true;
    this.#close();
  }

  #fire(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, detail }));
  }
}

customElements.define('chat-composer', ChatComposer);
