// Admin: every channel with its counts, and the widget snippet for each.

import * as api from './api.js';
import { reportUnauthorized } from './admin-forms.js';
import { el } from './format.js';

export function embedSnippet(channelId) {
  return `<script src="${location.origin}/widget.js" data-channel="${channelId}" async></script>`;
}

class AdminChannelTable extends HTMLElement {
  #body;
  #notice;
  #embed;

  connectedCallback() {
    if (this.#body) return;
    const section = el('section', 'card admin-section');
    section.setAttribute('aria-labelledby', 'channel-list-heading');
    const header = el('div', 'card-footer');
    const heading = el('h2', '', 'Channels');
    heading.id = 'channel-list-heading';
    const reload = el('button', 'button button-small', 'Refresh');
    reload.type = 'button';
    reload.addEventListener('click', () => this.refresh());
    header.append(heading, reload);

    const table = el('table', 'data-table');
    table.id = 'channel-list';
    const head = el('thead');
    const headRow = el('tr');
    for (const [text, cls] of [['Name'], ['Id'], ['Operators', 'num'], ['Waiting', 'num']]) {
      const th = el('th', cls ?? '', text);
      th.scope = 'col';
      headRow.append(th);
    }
    head.append(headRow);
    this.#body = el('tbody');
    table.append(head, this.#body);
    this.#notice = el('p', 'muted', 'Loading…');
    this.#notice.setAttribute('role', 'status');

    this.#embed = el('div', 'admin-section');
    section.append(header, table, this.#notice, this.#embed);
    this.replaceChildren(section);
    this.refresh();
  }

  async refresh() {
    let channels;
    try {
      channels = await api.adminGetChannels();
    } catch (error) {
      reportUnauthorized(this, error);
      this.#notice.hidden = false;
      this.#notice.textContent = `The channels could not be loaded: ${error.message}`;
      return;
    }
    this.#body.replaceChildren(...channels.map((channel) => {
      const row = el('tr');
      row.dataset.channelId = channel.id;
      row.append(
        el('td', '', channel.name),
        el('td', '', ''),
        el('td', 'num', String(channel.operators)),
        el('td', 'num', String(channel.waiting)),
      );
      row.children[1].append(el('span', 'code', channel.id));
      return row;
    }));
    this.#notice.hidden = channels.length > 0;
    this.#notice.textContent = 'No channels yet: create one above.';
    this.#renderEmbed(channels);
  }

  #renderEmbed(channels) {
    if (channels.length === 0) {
      this.#embed.replaceChildren();
      return;
    }
    const previous = this.#embed.querySelector('select')?.value;
    const field = el('div', 'field embed-field');
    const label = el('label', '', 'Channel');
    const select = el('select', 'input');
    select.id = 'embed-channel';
    label.htmlFor = select.id;
    for (const channel of channels) {
      const option = el('option', '', channel.name);
      option.value = channel.id;
      select.append(option);
    }
    if (channels.some((c) => c.id === previous)) select.value = previous;
    field.append(label, select);
    const code = el('code', 'snippet', embedSnippet(select.value));
    select.addEventListener('change', () => { code.textContent = embedSnippet(select.value); });
    this.#embed.replaceChildren(
      el('h3', '', 'Embed the widget'),
      el('p', 'muted', 'Add this tag to the pages where visitors should find the chat button:'),
      field,
      code,
    );
  }
}

customElements.define('admin-channel-table', AdminChannelTable);
