// The chat panel: a header (channel name, status line, close), the body (welcome, thread or
// rating, depending on the phase) and the composer.
import { define, emit, h, icon, setText, show } from './dom.js';
import { t } from './i18n.js';
import './livechat-welcome.js';
import './livechat-thread.js';
import './livechat-composer.js';
import './livechat-rating.js';

const NEAR_BOTTOM_PX = 80;

export class LivechatChatWindow extends HTMLElement {
  #title;
  #avatar;
  #statusLine;
  #statusText;
  #body;
  #connection;
  #expired;
  #loading;
  #welcome;
  #thread;
  #rating;
  #composer;
  #phase;
  #messageCount = 0;

  connectedCallback() {
    if (this.#body) return;
    this.classList.add('panel');
    this.id = 'livechat-panel';
    this.setAttribute('role', 'dialog');
    this.setAttribute('aria-labelledby', 'livechat-title');
    this.setAttribute('aria-describedby', 'livechat-status');

    this.#title = h('h2', { class: 'channel-name', id: 'livechat-title' });
    this.#avatar = h('span', { class: 'avatar', 'aria-hidden': 'true' });
    this.#statusText = h('span', { class: 'status-text' });
    this.#statusLine = h('p', { class: 'status-line', id: 'livechat-status', 'aria-live': 'polite' }, h('span', { class: 'status-dot', 'aria-hidden': 'true' }), this.#statusText);
    const close = h('button', { type: 'button', class: 'close', 'aria-label': t('closeChat'), title: t('closeChat'), onclick: () => emit(this, 'chat-close') }, icon('minimize', 22));
    const header = h('header', { class: 'header' }, this.#avatar, h('div', { class: 'titles' }, this.#title, this.#statusLine), close);

    this.#connection = h('p', { class: 'notice notice-warning connection-notice', role: 'status', hidden: true, text: t('reconnecting') });
    this.#expired = h('p', { class: 'notice notice-info expired-notice', role: 'status', hidden: true, text: t('expired') });
    this.#loading = h('p', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('loading'));
    this.#welcome = document.createElement('livechat-welcome');
    this.#thread = document.createElement('livechat-thread');
    this.#rating = document.createElement('livechat-rating');
    this.#body = h('div', { class: 'body' }, this.#loading, this.#connection, this.#expired, this.#welcome, this.#thread, this.#rating);
    this.#composer = document.createElement('livechat-composer');
    const footer = h('p', { class: 'footer', text: t('poweredBy') });
    this.append(header, this.#body, this.#composer, footer);
    this.addEventListener('chat-send', (event) => {
      if (!event.detail.visitorName) event.detail.visitorName = this.#welcome.visitorName;
    });
  }

  /** @param {{state: object, phase: string|null}} props the session's state and phase */
  set props({ state, phase }) {
    this.connectedCallback();
    const conversation = state.conversation;
    const channelName = state.channel?.name || t('defaultChannel');
    setText(this.#title, channelName);
    setText(this.#avatar, [...channelName.trim()][0]?.toUpperCase() || '?');
    this.#statusLine.dataset.phase = phase || 'loading';
    setText(this.#statusText, statusText(phase, conversation));

    const stickToBottom = this.#nearBottom() || state.messages.at(-1)?.pending;
    const composerHadFocus = this.#composer.contains(this.getRootNode().activeElement);
    const started = conversation != null;
    show(this.#connection, started && state.connectionLost);
    show(this.#expired, !started && state.expired);
    show(this.#loading, phase == null && state.messages.length === 0);
    show(this.#welcome, !started && phase != null);
    this.#welcome.state = { away: phase === 'away', channelError: state.channelError };
    show(this.#thread, state.messages.length > 0);
    this.#thread.state = { messages: state.messages, typing: state.typing, waiting: phase === 'waiting' };
    show(this.#rating, phase === 'closed');
    if (phase === 'closed') {
      this.#rating.state = { rated: state.rating.status === 'sent' || conversation.rating != null, ...state.rating };
    } else if (this.#phase === 'closed') {
      this.#rating.reset();
    }
    show(this.#composer, phase != null && phase !== 'closed');

    const grew = state.messages.length !== this.#messageCount || phase !== this.#phase;
    if (grew && stickToBottom) this.#body.scrollTop = this.#body.scrollHeight;
    if (phase === 'closed' && this.#phase !== 'closed' && this.#phase != null) {
      this.#body.scrollTop = this.#body.scrollHeight;
      if (composerHadFocus) this.#rating.focus(); // the composer is gone; the rating comes next
    }
    this.#phase = phase;
    this.#messageCount = state.messages.length;
  }

  /** Where focus goes when the visitor opens the window. */
  focusFirst() {
    if (!this.#composer.hidden) this.#composer.focus();
    else if (!this.#rating.hidden) this.#rating.focus();
    else this.querySelector('button.close')?.focus();
  }

  /** Once shown (a hidden panel has no layout), start at the latest message. */
  scrollToEnd() {
    this.#body.scrollTop = this.#body.scrollHeight;
  }

  #nearBottom() {
    const body = this.#body;
    return body.scrollHeight - body.scrollTop - body.clientHeight < NEAR_BOTTOM_PX;
  }
}

function statusText(phase, conversation) {
  switch (phase) {
    case 'idle':
      return t('statusAvailable');
    case 'away':
      return t('statusAway');
    case 'waiting':
      return conversation.queuePosition ? t('statusWaiting', conversation.queuePosition) : t('statusWaitingUnknown');
    case 'active':
      return t('statusActive', conversation.operator?.displayName || t('someone'));
    case 'closed':
      return t('statusClosed');
    default:
      return t('loading');
  }
}

define('livechat-chat-window', LivechatChatWindow);
