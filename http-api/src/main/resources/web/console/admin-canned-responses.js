// Admin: the canned responses operators insert by typing ":" and a shortcut in a composer.
// Lists them, adds, edits and deletes them. Fires `admin-unauthorized` when the token is refused.

import * as api from './api.js';
import { field, reportUnauthorized, showResult } from './admin-forms.js';
import { el } from './format.js';

const SHORTCUT_PATTERN = '[a-z0-9_\\-]{1,40}';

class AdminCannedResponses extends HTMLElement {
  #parts = null;
  #list = [];
  #editing = null;
  #confirming = null;

  connectedCallback() {
    if (this.#parts) return;
    const section = el('section', 'card admin-section');
    section.id = 'canned-responses';
    section.setAttribute('aria-labelledby', 'canned-heading');
    const heading = el('h2', '', 'Canned responses');
    heading.id = 'canned-heading';
    const intro = el('p', 'muted',
      'Operators type “:” and a shortcut in a chat to insert the text, and may edit it before sending.');

    const form = el('form', 'canned-form');
    form.id = 'canned-form';
    form.noValidate = true;
    const formHeading = el('h3', '', 'Add a canned response');
    const shortcut = el('input', 'input');
    Object.assign(shortcut, {
      id: 'canned-shortcut', name: 'shortcut', type: 'text', autocomplete: 'off', required: true,
      maxLength: 40, pattern: SHORTCUT_PATTERN, placeholder: 'e.g. hello', spellcheck: false,
    });
    const text = el('textarea', 'input');
    Object.assign(text, { id: 'canned-text', name: 'text', rows: 3, required: true, maxLength: 4000 });
    const save = el('button', 'button button-primary', 'Add');
    save.type = 'submit';
    save.id = 'canned-save';
    const cancel = el('button', 'button button-quiet', 'Cancel');
    cancel.type = 'button';
    cancel.hidden = true;
    const actions = el('div', 'form-actions');
    actions.append(save, cancel);
    const result = el('p', 'form-result');
    result.setAttribute('role', 'status');
    form.append(
      formHeading,
      field('canned-shortcut', 'Shortcut', shortcut, 'Lowercase letters, digits, “_” and “-”; 1 to 40.'),
      field('canned-text', 'Text', text, 'Up to 4000 characters.'),
      actions,
      result,
    );

    const table = el('table', 'data-table');
    table.id = 'canned-list';
    const head = el('thead');
    const headRow = el('tr');
    for (const [label, cls] of [['Shortcut'], ['Text'], ['', 'num']]) {
      const th = el('th', cls ?? '', label);
      th.scope = 'col';
      headRow.append(th);
    }
    head.append(headRow);
    const body = el('tbody');
    table.append(head, body);
    const notice = el('p', 'muted', 'Loading…');
    notice.setAttribute('role', 'status');

    section.append(heading, intro, table, notice, form);
    this.replaceChildren(section);
    this.#parts = { form, formHeading, shortcut, text, save, cancel, result, table, body, notice };

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#save();
    });
    cancel.addEventListener('click', () => this.#edit(null));
    this.refresh();
  }

  async refresh() {
    const { notice, table } = this.#parts;
    try {
      this.#list = await api.adminGetCannedResponses();
    } catch (error) {
      reportUnauthorized(this, error);
      notice.hidden = false;
      notice.textContent = `The canned responses could not be loaded: ${error.message}`;
      table.hidden = true;
      return;
    }
    table.hidden = this.#list.length === 0;
    notice.hidden = this.#list.length > 0;
    notice.textContent = 'No canned responses yet: add the first one below.';
    this.#renderRows();
  }

  #renderRows() {
    this.#parts.body.replaceChildren(...this.#list.map((response) => {
      const row = el('tr');
      row.dataset.cannedId = response.id;
      row.dataset.shortcut = response.shortcut;
      const shortcutCell = el('td', 'canned-shortcut');
      shortcutCell.append(el('span', 'code', `:${response.shortcut}`));
      const edit = el('button', 'button button-small edit', 'Edit');
      edit.type = 'button';
      edit.setAttribute('aria-label', `Edit :${response.shortcut}`);
      edit.addEventListener('click', () => this.#edit(response));
      const confirming = this.#confirming === response.id;
      const remove = el('button', `button button-small delete${confirming ? ' button-danger' : ''}`,
        confirming ? 'Really delete?' : 'Delete');
      remove.type = 'button';
      remove.setAttribute('aria-label', confirming ? `Really delete :${response.shortcut}?` : `Delete :${response.shortcut}`);
      remove.addEventListener('click', () => this.#delete(response));
      const actions = el('td', 'num row-actions');
      actions.append(edit, remove);
      row.append(shortcutCell, el('td', 'canned-text-cell', response.text), actions);
      return row;
    }));
  }

  #edit(response) {
    const { formHeading, shortcut, text, save, cancel, result } = this.#parts;
    this.#editing = response?.id ?? null;
    formHeading.textContent = response ? `Edit :${response.shortcut}` : 'Add a canned response';
    shortcut.value = response?.shortcut ?? '';
    text.value = response?.text ?? '';
    save.textContent = response ? 'Save' : 'Add';
    cancel.hidden = !response;
    result.textContent = '';
    result.className = 'form-result';
    if (response) shortcut.focus();
  }

  async #save() {
    const { shortcut, text, save } = this.#parts;
    const values = { shortcut: shortcut.value.trim(), text: text.value.trim() };
    const problem = check(values);
    if (problem) {
      showResult(this.#parts.result, false, problem);
      return;
    }
    save.disabled = true;
    try {
      const saved = this.#editing
        ? await api.adminUpdateCannedResponse(this.#editing, values.shortcut, values.text)
        : await api.adminCreateCannedResponse(values.shortcut, values.text);
      const verb = this.#editing ? 'Saved' : 'Added';
      this.#edit(null);
      showResult(this.#parts.result, true, `${verb} :${saved.shortcut}.`);
      await this.refresh();
    } catch (error) {
      reportUnauthorized(this, error);
      showResult(this.#parts.result, false, error.message);
    }
    save.disabled = false;
  }

  async #delete(response) {
    if (this.#confirming !== response.id) {
      this.#confirming = response.id;
      this.#renderRows();
      return;
    }
    this.#confirming = null;
    try {
      await api.adminDeleteCannedResponse(response.id);
      if (this.#editing === response.id) this.#edit(null);
      showResult(this.#parts.result, true, `Deleted :${response.shortcut}.`);
    } catch (error) {
      reportUnauthorized(this, error);
      showResult(this.#parts.result, false, error.message);
    }
    await this.refresh();
  }
}

/** What the server would refuse, said before asking it. */
function check({ shortcut, text }) {
  if (!new RegExp(`^${SHORTCUT_PATTERN}$`).test(shortcut)) {
    return 'The shortcut holds 1 to 40 lowercase letters, digits, “_” or “-”.';
  }
  if (!text) return 'Write the text operators will insert.';
  return null;
}

customElements.define('admin-canned-responses', AdminCannedResponses);
