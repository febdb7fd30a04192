// Admin: conversations from the read side, most recent first, filtered by status, channel,
// operator and period, a page at a time. Fires `conversation-selected` (detail: {id}) when a
// row's transcript is asked for.

import * as api from './api.js';
import { reportUnauthorized } from './admin-forms.js';
import { el } from './format.js';
import { dayStart } from './admin-period.js';

const PAGE = 20;

class AdminConversationList extends HTMLElement {
  #filters = {};
  #cursors = [null];
  #page = 0;
  #body;
  #state;
  #prev;
  #next;
  #nextCursor = null;
  #channelSelect;
  #operatorSelect;
  #channelNames = new Map();
  /** Counts loads, so that only the latest one's answer is shown. */
  #loads = 0;

  connectedCallback() {
    if (this.#body) return;
    const section = el('section', 'card admin-section');
    section.setAttribute('aria-labelledby', 'conversation-list-heading');
    const heading = el('h2', '', 'Conversations');
    heading.id = 'conversation-list-heading';

    const form = el('form', 'filter-bar');
    form.id = 'conversation-filters';
    const status = this.#select('filter-status', 'Status', [
      ['', 'Any'], ['waiting', 'Waiting'], ['active', 'Active'], ['closed', 'Closed'],
    ]);
    this.#channelSelect = this.#select('filter-channel', 'Channel', [['', 'Any']]);
    this.#operatorSelect = this.#select('filter-operator', 'Operator', [['', 'Any']]);
    const from = this.#input('filter-from', 'From', 'date');
    const to = this.#input('filter-to', 'To', 'date');
    const apply = el('button', 'button button-primary', 'Show');
    apply.type = 'submit';
    apply.id = 'apply-filters';
    form.append(status.field, this.#channelSelect.field, this.#operatorSelect.field, from.field, to.field, apply);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#filters = {
        status: status.input.value,
        channelId: this.#channelSelect.input.value,
        operatorId: this.#operatorSelect.input.value,
        from: from.input.value ? dayStart(from.input.value, 0) : '',
        to: to.input.value ? dayStart(to.input.value, 1) : '',
      };
      this.#cursors = [null];
      this.#page = 0;
      this.#load();
    });

    const table = el('table', 'data-table');
    table.id = 'conversation-list';
    const head = el('thead');
    const headRow = el('tr');
    for (const text of ['Started', 'Channel', 'Visitor', 'Operator', 'Status', 'Rating', '']) {
      const th = el('th', '', text);
      th.scope = 'col';
      headRow.append(th);
    }
    head.append(headRow);
    this.#body = el('tbody');
    table.append(head, this.#body);
    this.#state = el('p', 'muted', 'Loading…');
    this.#state.id = 'conversation-list-state';
    this.#state.setAttribute('role', 'status');

    const pager = el('div', 'pager');
    this.#prev = el('button', 'button button-small', 'Previous');
    this.#prev.type = 'button';
    this.#prev.id = 'conversations-previous';
    this.#next = el('button', 'button button-small', 'Next');
    this.#next.type = 'button';
    this.#next.id = 'conversations-next';
    this.#prev.addEventListener('click', () => { this.#page -= 1; this.#load(); });
    this.#next.addEventListener('click', () => {
      this.#page += 1;
      this.#cursors[this.#page] = this.#nextCursor;
      this.#load();
    });
    pager.append(this.#prev, this.#next);

    section.append(heading, form, table, this.#state, pager);
    this.replaceChildren(section);
    this.#loadChoices();
    this.#load();
  }

  refresh() {
    this.#loadChoices();
    this.#load();
  }

  async #loadChoices() {
    try {
      const [channels, operators] = await Promise.all([
        api.adminGetChannels(),
        api.adminListOperators(undefined, 200),
      ]);
      this.#channelNames = new Map(channels.map((c) => [c.id, c.name]));
      this.#fill(this.#channelSelect.input, channels.map((c) => [c.id, c.name]));
      this.#fill(this.#operatorSelect.input, operators.operators.map((o) => [o.id, `${o.displayName} (${o.login})`]));
    } catch (error) {
      reportUnauthorized(this, error);
    }
  }

  #fill(select, choices) {
    const previous = select.value;
    select.replaceChildren(new Option('Any', ''), ...choices.map(([value, text]) => new Option(text, value)));
    if ([...select.options].some((o) => o.value === previous)) select.value = previous;
  }

  async #load() {
    const load = ++this.#loads;
    this.#state.hidden = false;
    this.#state.className = 'muted';
    this.#state.textContent = 'Loading…';
    this.#prev.disabled = true;
    this.#next.disabled = true;
    this.setAttribute('aria-busy', 'true');
    let page;
    try {
      page = await api.adminListConversations(this.#filters, this.#cursors[this.#page] ?? undefined, PAGE);
    } catch (error) {
      if (load !== this.#loads) return;
      reportUnauthorized(this, error);
      this.#body.replaceChildren();
      this.#state.className = 'notice-error';
      this.#state.textContent = `The conversations could not be loaded: ${error.message}`;
      this.removeAttribute('aria-busy');
      return;
    }
    if (load !== this.#loads) return;
    this.removeAttribute('aria-busy');
    this.#nextCursor = page.next;
    this.#body.replaceChildren(...page.conversations.map((c) => this.#row(c)));
    this.#state.hidden = page.conversations.length > 0;
    this.#state.textContent = page.next
      ? 'No conversation on this page matches; try the next one.'
      : 'No conversations match these filters.';
    this.#prev.disabled = this.#page === 0;
    this.#next.disabled = !page.next;
  }

  #row(conversation) {
    const row = el('tr');
    row.dataset.conversationId = conversation.id;
    const open = el('button', 'button button-small', 'Transcript');
    open.type = 'button';
    open.addEventListener('click', () => this.dispatchEvent(
      new CustomEvent('conversation-selected', { bubbles: true, detail: { id: conversation.id } })));
    const action = el('td');
    action.append(open);
    row.append(
      el('td', '', new Date(conversation.startedAt).toLocaleString()),
      el('td', '', this.#channelNames.get(conversation.channelId) ?? conversation.channelId),
      el('td', '', conversation.visitor?.name ?? ''),
      el('td', '', conversation.operator?.displayName ?? '—'),
      el('td', 'conversation-status', conversation.status),
      el('td', 'num', conversation.rating == null ? '—' : String(conversation.rating)),
      action,
    );
    return row;
  }

  #select(id, text, choices) {
    const field = el('div', 'field');
    const label = el('label', '', text);
    const input = el('select', 'input');
    input.id = id;
    label.htmlFor = id;
    for (const [value, name] of choices) input.append(new Option(name, value));
    field.append(label, input);
    return { field, input };
  }

  #input(id, text, type) {
    const field = el('div', 'field');
    const label = el('label', '', text);
    const input = el('input', 'input');
    Object.assign(input, { id, type });
    label.htmlFor = id;
    field.append(label, input);
    return { field, input };
  }
}

customElements.define('admin-conversation-list', AdminConversationList);
