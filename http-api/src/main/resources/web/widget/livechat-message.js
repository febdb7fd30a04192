// One message of the thread: author, time, text, and for the visitor's own its delivery state.
import { define, emit, h, icon, setText, show } from './dom.js';
import { clock, errorText, t } from './i18n.js';

const LINK = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g;

export class LivechatMessage extends HTMLElement {
  #author;
  #time;
  #text;
  #status;
  #statusText;
  #retry;
  #shown = {};

  connectedCallback() {
    if (this.#text) return;
    this.classList.add('message');
    this.#author = h('span', { class: 'message-author' });
    this.#time = h('time', { class: 'message-time' });
    this.#text = h('p', { class: 'message-text' });
    this.#statusText = h('span', { class: 'message-status-text' });
    this.#retry = h(
      'button',
      { type: 'button', class: 'retry', hidden: true, onclick: () => emit(this, 'chat-retry', { clientMessageId: this.#shown.clientMessageId }) },
      icon('retry', 14),
      t('retry'),
    );
    this.#status = h('p', { class: 'message-status', hidden: true }, this.#statusText, this.#retry);
    this.append(h('div', { class: 'message-meta' }, this.#author, this.#time), h('div', { class: 'message-bubble' }, this.#text), this.#status);
  }

  /** @param {{message: object, continued: boolean}} props */
  set props({ message: m, continued }) {
    this.connectedCallback();
    const kind = m.mine ? 'mine' : m.author?.kind === 'system' ? 'system' : 'operator';
    this.className = `message ${kind}`;
    this.classList.toggle('pending', m.pending);
    this.classList.toggle('failed', m.pending && m.error != null);
    this.classList.toggle('continued', continued);
    if (m.seq != null) this.dataset.seq = m.seq;
    else delete this.dataset.seq;

    setText(this.#author, m.mine ? t('you') : m.author?.displayName || t(kind === 'system' ? 'system' : 'someone'));
    if (this.#shown.at !== m.at) {
      setText(this.#time, clock(m.at));
      this.#time.dateTime = m.at || '';
      this.#time.title = m.at ? new Date(m.at).toLocaleString() : '';
    }
    if (this.#shown.text !== m.text) renderText(this.#text, m.text);

    const failed = m.pending && m.error != null;
    show(this.#status, m.pending);
    this.#status.setAttribute('role', failed ? 'alert' : 'status');
    setText(this.#statusText, failed ? errorText(m.error) : t('sending'));
    show(this.#retry, failed && m.error.code !== 'conversation_closed');
    this.#shown = { ...m };
  }
}

/** Text with its web addresses as links, built from text nodes. */
function renderText(el, text) {
  el.replaceChildren();
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    el.append(text.slice(last, match.index));
    el.append(h('a', { href: match[0], target: '_blank', rel: 'noopener noreferrer nofollow', text: match[0] }));
    last = match.index + match[0].length;
  }
  el.append(text.slice(last));
}

define('livechat-message', LivechatMessage);
