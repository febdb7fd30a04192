// What the visitor sees before the conversation starts: a welcome (or "nobody is available")
// and the optional name field.
import { define, h, setText, show } from './dom.js';
import { errorText, t } from './i18n.js';

export class LivechatWelcome extends HTMLElement {
  #text;
  #away;
  #error;
  #name;

  connectedCallback() {
    if (this.#name) return;
    this.classList.add('welcome');
    this.#text = h('p', { class: 'welcome-text', text: t('welcomeText') });
    this.#away = h(
      'div',
      { class: 'away-notice', role: 'status', hidden: true },
      h('span', { class: 'away-icon', 'aria-hidden': 'true', text: '🌙' }),
      h('div', {}, h('strong', { class: 'away-title', text: t('awayTitle') }), h('p', { text: t('awayText') })),
    );
    this.#error = h('p', { class: 'notice notice-error channel-error', role: 'alert', hidden: true });
    this.#name = h('input', {
      class: 'visitor-name',
      type: 'text',
      id: 'livechat-visitor-name',
      autocomplete: 'name',
      maxlength: 100,
      placeholder: t('namePlaceholder'),
    });
    this.append(
      h('h3', { class: 'welcome-title', text: t('welcomeTitle') }),
      this.#text,
      this.#away,
      this.#error,
      h('div', { class: 'field' }, h('label', { for: 'livechat-visitor-name', text: t('nameLabel') }), this.#name),
    );
  }

  /** @param {{away: boolean, channelError: object|null}} state */
  set state({ away, channelError }) {
    this.connectedCallback();
    show(this.#text, !away);
    show(this.#away, away);
    show(this.#error, channelError != null);
    setText(this.#error, channelError ? errorText(channelError) : '');
  }

  get visitorName() {
    return this.#name?.value.trim() || '';
  }
}

define('livechat-welcome', LivechatWelcome);
