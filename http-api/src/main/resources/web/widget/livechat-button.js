// The round button at the bottom right that opens and closes the chat window.
import { define, emit, h, icon, setText, show } from './dom.js';
import { t } from './i18n.js';

export class LivechatButton extends HTMLElement {
  #button;
  #badge;

  connectedCallback() {
    if (this.#button) return;
    this.#badge = h('span', { class: 'unread-badge', 'aria-hidden': 'true', hidden: true });
    this.#button = h(
      'button',
      {
        type: 'button',
        class: 'launcher',
        'aria-label': t('openChat'),
        'aria-expanded': 'false',
        'aria-controls': 'livechat-panel',
        onclick: () => emit(this, 'chat-toggle'),
      },
      icon('chat', 28),
      icon('close', 24),
      this.#badge,
    );
    this.append(this.#button);
  }

  /** @param {{open: boolean, unread: number}} state */
  set state({ open, unread }) {
    this.connectedCallback();
    const button = this.#button;
    button.classList.toggle('is-open', open);
    button.setAttribute('aria-expanded', String(open));
    const label = open ? t('closeChat') : unread > 0 ? `${t('openChat')} (${t('unread', unread)})` : t('openChat');
    if (button.getAttribute('aria-label') !== label) button.setAttribute('aria-label', label);
    show(this.#badge, !open && unread > 0);
    setText(this.#badge, unread > 9 ? '9+' : String(unread));
  }

  focus() {
    this.#button?.focus();
  }
}

define('livechat-button', LivechatButton);
