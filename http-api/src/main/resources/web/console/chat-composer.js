// The Composer: Enter sends, Shift+Enter adds a line. Typing ":" and letters suggests canned
// responses, typing "/" at the start suggests commands (arrows move, Enter or Tab inserts,
// Escape closes); a text starting with "/" is a command, answered to the operator only.
// Properties: disabled, placeholder, label. Fires `composer-send` (detail: {text}),
// `composer-command` (detail: {text}) and `composer-typing`.

import './composer-suggestions.js';
import { cannedResponses } from './canned-responses.js';
import { el } from './format.js';

const MAX_LENGTH = 4000;
const SHORTCUT_BEFORE_CARET = /(^|\s):([a-z0-9_-]*)$/;
const COMMAND_TYPED = /^\/([a-z]*)$/i;
const COMMAND_HINT = 'A command: only you will see it and its answer. /help lists them.';
const COMMANDS = [
  { name: 'help', insert: '/help', detail: 'List the commands' },
  { name: 'history', insert: '/history', detail: 'The pages the visitor opened' },
  { name: 'close', insert: '/close', detail: 'Close the conversation' },
  { name: 'transfer', insert: '/transfer ', detail: 'Give the conversation to an operator: /transfer <name>' },
];

class ChatComposer extends HTMLElement {
  #textarea;
  #button;
  #suggestions;
  #hint;
  #suggesting = null;
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
    this.#suggestions = document.createElement('composer-suggestions');
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

  /** What is being typed just before the caret that suggestions can complete, if anything. */
  #typed() {
    const { value, selectionStart, selectionEnd } = this.#textarea;
    if (selectionStart !== selectionEnd) return null;
    const before = value.slice(0, selectionStart);
    const command = COMMAND_TYPED.exec(before);
    if (command && selectionStart === value.length) {
      return { kind: 'command', typed: command[1].toLowerCase(), start: 0 };
    }
    const shortcut = SHORTCUT_BEFORE_CARET.exec(before);
    if (shortcut) return { kind: 'canned', typed: shortcut[2], start: selectionStart - shortcut[2].length - 1 };
    return null;
  }

  #isCommand() {
    return this.#textarea.value.trimStart().startsWith('/');
  }

  #update() {
    this.#hint.hidden = !this.#isCommand();
    if (!this.#typed()) {
      this.#close();
      return;
    }
    const show = () => {
      const typed = this.#typed();
      this.#suggesting = typed ? choices(typed) : [];
      this.#suggestions.label = typed?.kind === 'command' ? 'Commands' : 'Canned responses';
      this.#suggestions.items = this.#suggesting;
      this.#textarea.setAttribute('aria-expanded', String(!this.#suggestions.hidden));
      this.#textarea.setAttribute('aria-activedescendant', this.#suggestions.activeOptionId);
    };
    show();
    if (this.#typed()?.kind === 'canned') cannedResponses.refresh().then(show);
  }

  /** Replaces what was typed with the choice; the operator may edit it before sending. */
  #insert(index) {
    const choice = this.#suggesting?.[index];
    const typed = this.#typed();
    this.#close();
    if (!choice || !typed) return;
    const { value, selectionStart } = this.#textarea;
    const room = MAX_LENGTH - (value.length - (selectionStart - typed.start));
    this.#textarea.setRangeText(choice.insert.slice(0, room), typed.start, selectionStart, 'end');
    this.#textarea.focus();
    if (typed.kind === 'canned') this.#fire('composer-typing');
  }

  #close() {
    this.#suggesting = null;
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

/**
 * The suggestions for what is typed: canned responses by shortcut, or the commands starting with
 * the letters typed (none once a command is typed in full, so that Enter runs it).
 */
function choices({ kind, typed }) {
  if (kind === 'canned') {
    return cannedResponses.suggest(typed).map((response) => ({
      key: response.shortcut, label: `:${response.shortcut}`, detail: response.text, insert: response.text,
    }));
  }
  if (COMMANDS.some((command) => command.name === typed)) return [];
  return COMMANDS.filter((command) => command.name.startsWith(typed)).map((command) => ({
    key: command.name, label: `/${command.name}`, detail: command.detail, insert: command.insert,
  }));
}

customElements.define('chat-composer', ChatComposer);
