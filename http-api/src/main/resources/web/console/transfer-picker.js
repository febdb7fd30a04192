// Picks another operator of the channel to hand a conversation to.
// Call `open(channelId)`. Fires `transfer-confirm` (detail: {operatorId}) and
// `transfer-cancel`.

import * as api from './api.js';
import { el } from './format.js';

class TransferPicker extends HTMLElement {
  #select;
  #confirm;
  #message;

  connectedCallback() {
    if (this.#select) return;
    const box = el('div', 'transfer-box');
    const label = el('label', 'transfer-label', 'Transfer to');
    const select = el('select', 'input transfer-target');
    const selectId = `transfer-${crypto.randomUUID()}`;
    select.id = selectId;
    label.htmlFor = selectId;
    const confirm = el('button', 'button button-primary button-small transfer-confirm', 'Transfer');
    confirm.type = 'button';
    const cancel = el('button', 'button button-quiet button-small transfer-cancel', 'Cancel');
    cancel.type = 'button';
    const message = el('p', 'transfer-message');
    message.setAttribute('role', 'status');
    const row = el('div', 'transfer-row');
    row.append(select, confirm, cancel);
    box.append(label, row, message);
    this.replaceChildren(box);
    this.#select = select;
    this.#confirm = confirm;
    this.#message = message;

    confirm.addEventListener('click', () => {
      if (!select.value) return;
      confirm.disabled = true;
      this.#fire('transfer-confirm', { operatorId: select.value });
    });
    cancel.addEventListener('click', () => this.#fire('transfer-cancel'));
    this.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.#fire('transfer-cancel');
    });
  }

  async open(channelId) {
    const selfId = api.session.operatorId;
    this.#select.replaceChildren();
    this.#select.disabled = true;
    this.#confirm.disabled = true;
    this.#message.textContent = 'Loading the channel’s operators…';
    let operators;
    try {
      operators = await api.getChannelOperators(channelId);
    } catch (error) {
      this.#message.textContent = `The operators could not be loaded: ${error.message}`;
      return;
    }
    const others = operators.filter((operator) => operator.id !== selfId);
    for (const operator of others) {
      const full = operator.activeConversations >= operator.capacity;
      const option = el('option', '',
        `${operator.displayName} — ${operator.status}, ${operator.activeConversations}/${operator.capacity} chats${full ? ' (full)' : ''}`);
      option.value = operator.id;
      this.#select.append(option);
    }
    const preferred = others.find((o) => o.status === 'online' && o.activeConversations < o.capacity);
    if (preferred) this.#select.value = preferred.id;
    this.#select.disabled = others.length === 0;
    this.#confirm.disabled = others.length === 0;
    this.#message.textContent = others.length === 0
      ? 'No other operator is in this channel right now.'
      : '';
    if (others.length) this.#select.focus();
  }

  /** Re-enables the picker after a failed transfer. */
  reset() {
    if (this.#confirm) this.#confirm.disabled = !this.#select.value;
  }

  #fire(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, detail }));
  }
}

customElements.define('transfer-picker', TransferPicker);
