// The conversation's messages, in seq order, and who is typing.
import { define, h, setText, show } from './dom.js';
import { t } from './i18n.js';
import './livechat-message.js';

const GROUP_MS = 5 * 60_000;

export class LivechatThread extends HTMLElement {
  #list;
  #queue;
  #typing;
  #typingText;
  #elements = new Map();

  connectedCallback() {
    if (this.#list) return;
    this.classList.add('thread');
    this.#list = h('div', { class: 'messages', role: 'log', 'aria-live': 'polite', 'aria-label': t('chatWindow') });
    this.#queue = h('p', { class: 'queue-notice', hidden: true, text: t('queueText') });
    this.#typingText = h('span', { class: 'typing-text' });
    this.#typing = h(
      'div',
      { class: 'typing-indicator', hidden: true },
      h('span', { class: 'typing-dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')),
      this.#typingText,
    );
    this.append(this.#list, this.#queue, this.#typing);
  }

  /** @param {{messages: object[], typing: string|null, waiting: boolean}} state */
  set state({ messages, typing, waiting }) {
    this.connectedCallback();
    const keep = new Set();
    let previous = null;
    messages.forEach((message, index) => {
      const key = message.clientMessageId || `seq-${message.seq}`;
      keep.add(key);
      let el = this.#elements.get(key);
      if (!el) {
        el = document.createElement('livechat-message');
        this.#elements.set(key, el);
      }
      el.props = { message, continued: continues(previous, message) };
      if (this.#list.children[index] !== el) this.#list.insertBefore(el, this.#list.children[index] || null);
      previous = message;
    });
    for (const [key, el] of this.#elements) {
      if (!keep.has(key)) {
        el.remove();
        this.#elements.delete(key);
      }
    }
    show(this.#queue, waiting);
    show(this.#typing, typing != null);
    setText(this.#typingText, typing != null ? t('typing', typing || t('someone')) : '');
  }
}

/** Whether a message follows one by the same author closely enough to share its header. */
function continues(previous, message) {
  if (!previous || previous.author?.kind === 'system' || message.author?.kind === 'system') return false;
  if (previous.mine !== message.mine) return false;
  if (!message.mine && previous.author?.displayName !== message.author?.displayName) return false;
  return Math.abs(Date.parse(message.at) - Date.parse(previous.at)) < GROUP_MS;
}

define('livechat-thread', LivechatThread);
