// Where the visitor writes: Enter sends, Shift+Enter starts a new line.
import { define, emit, h, icon } from './dom.js';
import { t } from './i18n.js';

const MAX_HEIGHT = 120;

export class LivechatComposer extends HTMLElement {
  #textarea;
  #send;

  connectedCallback() {
    if (this.#textarea) return;
    this.classList.add('composer-bar');
    this.#textarea = h('textarea', {
      class: 'composer',
      rows: 1,
      maxlength: 4000,
      placeholder: t('composerPlaceholder'),
      'aria-label': t('composerLabel'),
      onkeydown: (event) => this.#onKeydown(event),
      oninput: () => this.#onInput(),
    });
    this.#send = h('button', { type: 'submit', class: 'send', 'aria-label': t('send'), title: t('send'), 'aria-disabled': 'true' }, icon('send', 20));
    const form = h('form', { class: 'composer-form', onsubmit: (event) => this.#submit(event) }, this.#textarea, this.#send);
    this.append(form);
  }

  focus() {
    this.#textarea?.focus();
  }

  #onKeydown(event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      this.#submit(event);
    }
  }

  #onInput() {
    this.#resize();
    this.#send.setAttribute('aria-disabled', String(this.#textarea.value.trim() === ''));
    if (this.#textarea.value.trim()) emit(this, 'chat-typing');
  }

  #submit(event) {
    event.preventDefault();
    const text = this.#textarea.value.trim();
    if (!text) return;
    emit(this, 'chat-send', { text });
    this.#textarea.value = '';
    this.#onInput();
    this.#textarea.focus();
  }

  #resize() {
    const area = this.#textarea;
    area.style.height = 'auto';
    area.style.height = `${Math.min(area.scrollHeight, MAX_HEIGHT)}px`;
    area.style.overflowY = area.scrollHeight > MAX_HEIGHT ? 'auto' : 'hidden';
  }
}

define('livechat-composer', LivechatComposer);
