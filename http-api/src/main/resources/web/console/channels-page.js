// The Channels page: a card per channel, refreshed every 5 s and on `refresh()`.
// Fires `channel-joined` after a successful Join.

import * as api from './api.js';
import { el } from './format.js';

const REFRESH_MS = 5_000;

class ChannelsPage extends HTMLElement {
  #timer = 0;
  #grid;
  #notice;
  #channels = null;
  #busy = new Set();
  #errors = new Map();

  connectedCallback() {
    const header = el('header', 'page-header');
    header.append(
      el('h1', '', 'Channels'),
      el('p', 'muted', 'Join a channel to receive its visitors’ conversations. '
        + 'Chat windows open at the bottom right when a visitor is given to you.'),
    );
    this.#notice = el('div', 'page-notice');
    this.#notice.setAttribute('role', 'status');
    this.#grid = el('div', 'card-grid');
    this.replaceChildren(header, this.#notice, this.#grid);
    this.addEventListener('channel-join', (e) => this.#act(e.detail.channelId, 'join'));
    this.addEventListener('channel-leave', (e) => this.#act(e.detail.channelId, 'leave'));
    this.#notice.replaceChildren(el('p', 'muted', 'Loading channels…'));
    this.refresh();
    this.#timer = setInterval(() => this.refresh(), REFRESH_MS);
  }

  disconnectedCallback() {
    clearInterval(this.#timer);
  }

  async refresh() {
    try {
      this.#channels = await api.getChannels();
      this.#notice.replaceChildren();
    } catch (error) {
      if (this.#channels) {
        this.#notice.replaceChildren(el('p', 'notice-error', `Could not refresh the channels: ${error.message}`));
      } else {
        this.#showLoadError(error);
      }
      return;
    }
    this.#render();
  }

  #showLoadError(error) {
    const retry = el('button', 'button button-small', 'Retry');
    retry.type = 'button';
    retry.addEventListener('click', () => this.refresh());
    const box = el('div', 'notice-error');
    box.append(el('p', '', `The channels could not be loaded: ${error.message}`), retry);
    this.#notice.replaceChildren(box);
  }

  #render() {
    if (this.#channels.length === 0) {
      const empty = el('p', 'empty-state', 'There are no channels yet. An administrator creates them on the ');
      const link = el('a', '', 'admin page');
      link.href = '/console/admin';
      empty.append(link, '; they will appear here.');
      this.#notice.replaceChildren(empty);
    }
    const existing = new Map([...this.#grid.children].map((card) => [card.dataset.channelId, card]));
    const cards = this.#channels.map((channel) => {
      const card = existing.get(channel.id) ?? document.createElement('channel-card');
      card.channel = channel;
      return card;
    });
    cards.forEach((card, index) => {
      if (this.#grid.children[index] !== card) this.#grid.insertBefore(card, this.#grid.children[index] ?? null);
      card.busy = this.#busy.has(card.channel.id);
      card.error = this.#errors.get(card.channel.id) ?? '';
    });
    for (const card of existing.values()) if (!cards.includes(card)) card.remove();
  }

  async #act(channelId, action) {
    if (this.#busy.has(channelId)) return;
    this.#busy.add(channelId);
    this.#errors.delete(channelId);
    this.#render();
    try {
      const card = await (action === 'join' ? api.joinChannel(channelId) : api.leaveChannel(channelId));
      this.#channels = this.#channels.map((c) => (c.id === channelId ? card : c));
      if (action === 'join') this.dispatchEvent(new CustomEvent('channel-joined', { bubbles: true }));
    } catch (error) {
      this.#errors.set(channelId, error.message);
    }
    this.#busy.delete(channelId);
    this.#render();
  }
}

customElements.define('channels-page', ChannelsPage);
