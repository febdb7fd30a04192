// The sidebar's LIVECHAT section: the operator's conversations, unread ones in bold.
// Properties: entries, activeId, state ({status, error}). Fires `inbox-open`, `inbox-retry`.

import { el } from './format.js';

class LiveInbox extends HTMLElement {
  #entries = [];
  #activeId = null;
  #state = { status: 'loading', error: null };
  #list;
  #notice;

  connectedCallback() {
    if (this.#list) return;
    const heading = el('h2', 'sidebar-heading', 'LIVECHAT');
    heading.id = 'live-inbox-heading';
    this.#list = el('ul', 'inbox-list');
    this.#list.setAttribute('aria-labelledby', heading.id);
    this.#notice = el('div', 'inbox-notice');
    this.#notice.setAttribute('role', 'status');
    this.#list.addEventListener('click', (event) => {
      const item = event.target.closest('a.inbox-item');
      if (item) {
        this.dispatchEvent(new CustomEvent('inbox-open', {
          bubbles: true, detail: { conversationId: item.dataset.conversationId },
        }));
      }
    });
    this.replaceChildren(heading, this.#notice, this.#list);
    this.#render();
  }

  set entries(entries) { this.#entries = entries; this.#render(); }

  set activeId(id) { this.#activeId = id; }

  set state(state) { this.#state = state; }

  #render() {
    if (!this.#list) return;
    this.#renderNotice();
    const focusedId = this.#list.contains(document.activeElement)
      ? document.activeElement.dataset.conversationId
      : null;
    const items = this.#entries.map((entry) => this.#item(entry));
    this.#list.replaceChildren(...items);
    if (focusedId) this.#list.querySelector(`[data-conversation-id="${CSS.escape(focusedId)}"]`)?.focus();
  }

  #renderNotice() {
    const { status, error } = this.#state;
    const notice = this.#notice;
    notice.replaceChildren();
    notice.className = 'inbox-notice';
    if (status === 'loading' && this.#entries.length === 0) {
      notice.append(el('p', 'muted', 'Loading conversations…'));
    } else if (status === 'error') {
      notice.classList.add('inbox-notice-error');
      const retry = el('button', 'button button-small', 'Retry');
      retry.type = 'button';
      retry.addEventListener('click', () => {
        this.dispatchEvent(new CustomEvent('inbox-retry', { bubbles: true }));
      });
      notice.append(el('p', '', `Conversations could not be loaded: ${error}`), retry);
    } else if (this.#entries.length === 0) {
      notice.append(el('p', 'muted',
        'No conversations yet. Join a channel on the Channels page; '
        + 'visitors’ chats will appear here.'));
    }
  }

  #item(entry) {
    const link = el('a', 'inbox-item');
    link.href = `#/inbox/${encodeURIComponent(entry.id)}`;
    link.dataset.conversationId = entry.id;
    if (entry.id === this.#activeId) link.setAttribute('aria-current', 'page');
    if (entry.status === 'closed') link.classList.add('ended');

    const top = el('span', 'inbox-line');
    const avatar = el('span', 'avatar avatar-small', (entry.visitorName || '?').charAt(0).toUpperCase());
    avatar.setAttribute('aria-hidden', 'true');
    top.append(avatar, el('span', 'inbox-visitor', entry.visitorName));
    if (entry.unread > 0) {
      link.classList.add('unread');
      const count = el('span', 'unread-count', String(entry.unread));
      const spoken = el('span', 'visually-hidden', entry.unread === 1 ? ' unread message' : ' unread messages');
      top.append(count, spoken);
    }
    const preview = el('span', 'inbox-preview',
      entry.lastMessage?.text ?? (entry.status === 'waiting' ? 'Waiting…' : 'No messages yet'));
    link.append(top, preview);
    if (entry.status === 'closed') link.append(el('span', 'inbox-status', 'Ended'));

    const item = el('li');
    item.append(link);
    return item;
  }
}

customElements.define('live-inbox', LiveInbox);
