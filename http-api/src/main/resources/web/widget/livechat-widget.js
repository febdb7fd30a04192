// The host element <livechat-widget>: one open shadow root holding the launcher and the chat
// window. It owns the ChatSession, renders its state down and turns the elements' events into
// calls on it. mount() is what widget.js calls.
import { LivechatApi } from './livechat-api.js';
import { ChatSession } from './chat-session.js';
import { define, h } from './dom.js';
import { lang } from './i18n.js';
import { css } from './styles.js';
import './livechat-button.js';
import './livechat-chat-window.js';

const KEY_EVENTS = ['keydown', 'keyup', 'keypress'];

export class LivechatWidget extends HTMLElement {
  session = null;
  #button;
  #window;
  #wasOpen = false;

  connectedCallback() {
    if (this.shadowRoot || !this.session) return;
    const shadow = this.attachShadow({ mode: 'open' });
    this.#button = document.createElement('livechat-button');
    this.#window = document.createElement('livechat-chat-window');
    this.#window.hidden = true;
    const root = h('div', { class: 'root', lang }, this.#window, this.#button);
    shadow.append(h('style', { text: css }), root);

    // Keys typed in the widget are ours: the page's keyboard shortcuts must not see them.
    for (const type of KEY_EVENTS) root.addEventListener(type, (event) => event.stopPropagation());
    root.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.session.state.open) {
        event.preventDefault();
        this.close();
      }
    });
    root.addEventListener('chat-toggle', () => (this.session.state.open ? this.close() : this.open()));
    root.addEventListener('chat-close', () => this.close());
    root.addEventListener('chat-send', (event) => this.session.send(event.detail.text, event.detail.visitorName));
    root.addEventListener('chat-typing', () => this.session.typing());
    root.addEventListener('chat-retry', (event) => this.session.retry(event.detail.clientMessageId));
    root.addEventListener('chat-rate', (event) => this.session.rate(event.detail.value, event.detail.comment));
    root.addEventListener('chat-restart', () => {
      this.session.restart();
      this.#window.focusFirst();
    });

    this.session.addEventListener('change', () => this.#render());
    this.#render();
    this.session.boot();
  }

  open() {
    this.session.setOpen(true);
    this.#window.focusFirst();
  }

  close() {
    const focusInside = this.shadowRoot.activeElement && this.#window.contains(this.shadowRoot.activeElement);
    this.session.setOpen(false);
    if (focusInside) this.#button.focus();
  }

  #render() {
    const state = this.session.state;
    const phase = this.session.phase;
    if (phase) this.dataset.state = phase;
    else delete this.dataset.state;
    this.#button.state = { open: state.open, unread: state.unread };
    this.#window.props = { state, phase };
    this.#window.hidden = !state.open;
    if (state.open && !this.#wasOpen) this.#window.scrollToEnd();
    this.#wasOpen = state.open;
  }
}

/** Creates the widget for a channel of the server at `origin` and adds it to the page. */
export function mount({ channelId, origin }) {
  define('livechat-widget', LivechatWidget);
  const widget = document.createElement('livechat-widget');
  widget.session = new ChatSession(new LivechatApi(origin), channelId);
  document.body.append(widget);
  return {
    open: () => widget.open(),
    close: () => widget.close(),
  };
}
