// The end of a conversation: "This conversation has ended", the rating, and a way to start again.
import { define, emit, h, setText, show } from './dom.js';
import { errorText, t } from './i18n.js';

const CHOICES = [
  { value: 1, emoji: '😞', label: 'rate1' },
  { value: 3, emoji: '😐', label: 'rate3' },
  { value: 5, emoji: '😊', label: 'rate5' },
];

export class LivechatRating extends HTMLElement {
  #form;
  #buttons = [];
  #comment;
  #error;
  #submit;
  #thanks;
  #value = null;

  connectedCallback() {
    if (this.#form) return;
    this.classList.add('closed-state');
    this.#buttons = CHOICES.map((choice) =>
      h(
        'button',
        {
          type: 'button',
          class: 'rate',
          'data-value': choice.value,
          'aria-pressed': 'false',
          onclick: () => this.#choose(choice.value),
        },
        h('span', { class: 'rate-emoji', 'aria-hidden': 'true', text: choice.emoji }),
        h('span', { class: 'rate-label', text: t(choice.label) }),
      ),
    );
    this.#comment = h('textarea', { class: 'rating-comment', id: 'livechat-rating-comment', rows: 2, maxlength: 4000, placeholder: t('commentPlaceholder') });
    this.#error = h('p', { class: 'notice notice-error rating-error', role: 'alert', hidden: true });
    this.#submit = h('button', { type: 'submit', class: 'submit-rating primary', disabled: true, text: t('submitRating') });
    this.#form = h(
      'form',
      { class: 'rating', onsubmit: (event) => this.#send(event) },
      h('h3', { class: 'rating-title', id: 'livechat-rating-title', text: t('rateTitle') }),
      h('div', { class: 'rating-choices', role: 'group', 'aria-labelledby': 'livechat-rating-title' }, this.#buttons),
      h('div', { class: 'field' }, h('label', { for: 'livechat-rating-comment', text: t('commentLabel') }), this.#comment),
      this.#error,
      this.#submit,
    );
    this.#thanks = h('p', { class: 'rating-thanks', role: 'status', hidden: true }, h('span', { class: 'emoji', 'aria-hidden': 'true', text: '🙏 ' }), t('ratingThanks'));
    this.append(
      h('p', { class: 'ended', role: 'status' }, h('span', { class: 'ended-rule', 'aria-hidden': 'true' }), h('span', { class: 'ended-text', text: t('ended') }), h('span', { class: 'ended-rule', 'aria-hidden': 'true' })),
      this.#form,
      this.#thanks,
      h('button', { type: 'button', class: 'restart secondary', text: t('restart'), onclick: () => emit(this, 'chat-restart') }),
    );
  }

  /** @param {{rated: boolean, status: string, error: object|null}} state */
  set state({ rated, status, error }) {
    this.connectedCallback();
    show(this.#form, !rated);
    show(this.#thanks, rated);
    show(this.#error, status === 'error');
    setText(this.#error, status === 'error' ? errorText(error) : '');
    this.#submit.disabled = this.#value == null || status === 'sending';
    this.#form.setAttribute('aria-busy', String(status === 'sending'));
    if (rated) this.#value = null;
  }

  /** Back to a blank form, for the next conversation. */
  reset() {
    this.#value = null;
    for (const button of this.#buttons) button.setAttribute('aria-pressed', 'false');
    if (this.#comment) this.#comment.value = '';
  }

  focus() {
    const target = this.#form.hidden ? this.querySelector('button.restart') : this.#buttons[0];
    target?.focus();
  }

  #choose(value) {
    this.#value = value;
    for (const button of this.#buttons) button.setAttribute('aria-pressed', String(Number(button.dataset.value) === value));
    this.#submit.disabled = false;
  }

  #send(event) {
    event.preventDefault();
    if (this.#value == null) return;
    emit(this, 'chat-rate', { value: this.#value, comment: this.#comment.value.trim() });
  }
}

define('livechat-rating', LivechatRating);
