// Admin: the webhooks an integrating backend (a CRM, a ticket system) is sent events through.
// Lists them with their last delivery, registers one (url, secret, event types) and deletes
// them. Fires `admin-unauthorized` when the token is refused.

import * as api from './api.js';
import { field, reportUnauthorized, showResult } from './admin-forms.js';
import { el, timeAgo } from './format.js';

const EVENT_TYPES = [
  ['conversation.started', 'a visitor starts a conversation'],
  ['conversation.assigned', 'an operator gets it'],
  ['conversation.message', 'each message'],
  ['conversation.transferred', 'it moves to another operator'],
  ['conversation.closed', 'it is closed'],
  ['conversation.rated', 'the visitor rates it'],
  ['operator.disconnected', 'an operator is disconnected'],
];
const MAX_URL = 2000;
const MAX_SECRET = 200;
const REFRESH_MS = 30_000;

class AdminWebhooks extends HTMLElement {
  #parts = null;
  #list = [];
  #confirming = null;
  #timer = null;

  connectedCallback() {
    if (!this.#parts) this.#build();
    // The last deliveries change while the page is open.
    this.#timer ??= setInterval(() => this.refresh(), REFRESH_MS);
  }

  disconnectedCallback() {
    clearInterval(this.#timer);
    this.#timer = null;
  }

  #build() {
    const section = el('section', 'card admin-section');
    section.id = 'webhooks';
    section.setAttribute('aria-labelledby', 'webhooks-heading');
    const heading = el('h2', '', 'Webhooks');
    heading.id = 'webhooks-heading';
    const intro = el('p', 'muted');
    intro.append(
      'Each event is posted as JSON to the url, in order per conversation, and retried until the '
        + 'receiver answers 2xx. It is signed: the header ',
      el('span', 'code', 'X-Livechat-Signature'),
      ' holds ',
      el('span', 'code', 'sha256=<hex>'),
      ', the HMAC-SHA256 of the body keyed with the secret. The secret is never shown again once added.',
    );

    const form = el('form', 'canned-form webhook-form');
    form.id = 'webhook-form';
    form.noValidate = true;
    const url = el('input', 'input');
    Object.assign(url, {
      id: 'webhook-url', name: 'url', type: 'url', autocomplete: 'off', required: true,
      maxLength: MAX_URL, placeholder: 'https://crm.example.com/livechat', spellcheck: false,
    });
    const secret = el('input', 'input');
    Object.assign(secret, {
      id: 'webhook-secret', name: 'secret', type: 'password', autocomplete: 'new-password',
      required: true, maxLength: MAX_SECRET, spellcheck: false,
    });
    const generate = el('button', 'button', 'Generate');
    generate.type = 'button';
    generate.id = 'webhook-generate';
    const reveal = el('button', 'button button-quiet', 'Show');
    reveal.type = 'button';
    reveal.setAttribute('aria-controls', secret.id);
    reveal.setAttribute('aria-pressed', 'false');
    const secretRow = el('div', 'input-with-actions');
    secretRow.append(secret, generate, reveal);

    const events = el('fieldset', 'checkbox-group field');
    events.id = 'webhook-events';
    const grid = el('div', 'checkbox-grid');
    const boxes = EVENT_TYPES.map(([type, meaning]) => {
      const label = el('label', 'checkbox');
      const box = el('input');
      Object.assign(box, {
        type: 'checkbox', name: 'events', value: type, checked: true, defaultChecked: true,
      });
      const text = el('span');
      text.append(el('span', 'code', type), ` ${meaning}`);
      label.append(box, text);
      grid.append(label);
      return box;
    });
    events.append(el('legend', '', 'Events'), grid);

    const save = el('button', 'button button-primary', 'Add');
    save.type = 'submit';
    save.id = 'webhook-save';
    const actions = el('div', 'form-actions');
    actions.append(save);
    const result = el('p', 'form-result');
    result.setAttribute('role', 'status');
    const secretField = field('webhook-secret', 'Secret', secretRow,
      'Up to 200 characters; the receiver checks the signature with it. Copy it before adding.');
    secret.setAttribute('aria-describedby', 'webhook-secret-hint');
    form.append(
      el('h3', '', 'Add a webhook'),
      field('webhook-url', 'Url', url, 'An http or https address the node can reach.'),
      secretField,
      events,
      actions,
      result,
    );

    const table = el('table', 'data-table');
    table.id = 'webhook-list';
    const head = el('thead');
    const headRow = el('tr');
    for (const [label, cls] of [['Url'], ['Events'], ['Last delivery', 'webhook-delivery'], ['', 'num']]) {
      const th = el('th', cls ?? '', label);
      th.scope = 'col';
      headRow.append(th);
    }
    head.append(headRow);
    const body = el('tbody');
    table.append(head, body);
    table.hidden = true;
    const notice = el('p', 'muted', 'Loading…');
    notice.id = 'webhook-list-state';
    notice.setAttribute('role', 'status');

    section.append(heading, intro, table, notice, form);
    this.replaceChildren(section);
    this.#parts = { form, url, secret, reveal, boxes, save, result, table, body, notice };

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#save();
    });
    generate.addEventListener('click', () => {
      secret.value = randomSecret();
      this.#reveal(true);
      secret.focus();
      secret.select();
    });
    reveal.addEventListener('click', () => this.#reveal(secret.type === 'password'));
    this.refresh();
  }

  async refresh() {
    if (!this.#parts) return;
    const { notice, table } = this.#parts;
    try {
      this.#list = await api.adminGetWebhooks();
    } catch (error) {
      reportUnauthorized(this, error);
      notice.hidden = false;
      notice.textContent = `The webhooks could not be loaded: ${error.message}`;
      table.hidden = true;
      return;
    }
    table.hidden = this.#list.length === 0;
    notice.hidden = this.#list.length > 0;
    notice.textContent = 'No webhooks yet: add the first one below.';
    this.#renderRows();
  }

  #renderRows() {
    const now = Date.now();
    this.#parts.body.replaceChildren(...this.#list.map((webhook) => {
      const row = el('tr');
      row.dataset.webhookId = webhook.id;
      row.dataset.url = webhook.url;
      const events = el('td', 'webhook-events');
      for (const type of webhook.events) events.append(el('span', 'code', type), ' ');
      const confirming = this.#confirming === webhook.id;
      const remove = el('button', `button button-small delete${confirming ? ' button-danger' : ''}`,
        confirming ? 'Really delete?' : 'Delete');
      remove.type = 'button';
      remove.setAttribute('aria-label', confirming ? `Really delete the webhook to ${webhook.url}?`
        : `Delete the webhook to ${webhook.url}`);
      remove.addEventListener('click', () => this.#delete(webhook));
      const actions = el('td', 'num row-actions');
      actions.append(remove);
      row.append(el('td', 'webhook-url', webhook.url), events, lastDeliveryCell(webhook.lastDelivery, now), actions);
      return row;
    }));
  }

  async #save() {
    const { form, url, secret, boxes, save } = this.#parts;
    const values = {
      url: url.value.trim(),
      events: boxes.filter((box) => box.checked).map((box) => box.value),
      secret: secret.value,
    };
    const problem = check(values);
    if (problem) {
      showResult(this.#parts.result, false, problem.text);
      problem.control(this.#parts).focus();
      return;
    }
    save.disabled = true;
    try {
      const saved = await api.adminCreateWebhook(values.url, values.events, values.secret);
      form.reset();
      this.#reveal(false);
      showResult(this.#parts.result, true, `Added the webhook to ${saved.url}; its secret will not be shown again.`);
      await this.refresh();
    } catch (error) {
      reportUnauthorized(this, error);
      showResult(this.#parts.result, false, error.message);
    }
    save.disabled = false;
  }

  async #delete(webhook) {
    if (this.#confirming !== webhook.id) {
      this.#confirming = webhook.id;
      this.#renderRows();
      return;
    }
    this.#confirming = null;
    try {
      await api.adminDeleteWebhook(webhook.id);
      showResult(this.#parts.result, true, `Deleted the webhook to ${webhook.url}.`);
    } catch (error) {
      reportUnauthorized(this, error);
      showResult(this.#parts.result, false, error.message);
    }
    await this.refresh();
  }

  #reveal(shown) {
    const { secret, reveal } = this.#parts;
    secret.type = shown ? 'text' : 'password';
    reveal.textContent = shown ? 'Hide' : 'Show';
    reveal.setAttribute('aria-pressed', String(shown));
  }
}

/** "204 · 2 min ago", marked as failing unless 2xx; "never yet" before the first attempt. */
function lastDeliveryCell(last, now) {
  const cell = el('td', 'webhook-delivery');
  if (!last) {
    cell.append(el('span', 'muted', 'never yet'));
    return cell;
  }
  const ok = last.status >= 200 && last.status < 300;
  const status = last.status === 0 ? 'unreachable' : String(last.status);
  const badge = el('span', `badge ${ok ? 'badge-on' : 'badge-fail'}`, `${status} · ${timeAgo(last.at, now)}`);
  badge.title = `${ok ? 'Delivered' : 'Failed'} at ${new Date(last.at).toLocaleString()}`;
  cell.dataset.ok = String(ok);
  cell.append(badge);
  return cell;
}

/** What the server would refuse, said before asking it, with the control to fix. */
function check({ url, events, secret }) {
  if (!isHttpUrl(url)) {
    return { text: `The url is an absolute http or https address of at most ${MAX_URL} characters.`,
      control: (parts) => parts.url };
  }
  if (events.length === 0) {
    return { text: 'Choose at least one event.', control: (parts) => parts.boxes[0] };
  }
  if (!secret.trim() || secret.length > MAX_SECRET) {
    return { text: `The secret holds 1 to ${MAX_SECRET} characters, not all blank.`,
      control: (parts) => parts.secret };
  }
  return null;
}

function isHttpUrl(value) {
  if (!value || value.length > MAX_URL) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** 32 random bytes as 64 hex digits. */
function randomSecret() {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

customElements.define('admin-webhooks', AdminWebhooks);
