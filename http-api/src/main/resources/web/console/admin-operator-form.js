// Admin: creates an operator. Property: languages (the enabled codes).

import * as api from './api.js';
import { el, languageName } from './format.js';

class AdminOperatorForm extends HTMLElement {
  #select;
  #result;

  set languages(codes) {
    if (!this.#select) return;
    const current = this.#select.value;
    this.#select.replaceChildren(...codes.map((code) => {
      const option = el('option', '', `${languageName(code)} (${code})`);
      option.value = code;
      return option;
    }));
    if (codes.includes(current)) this.#select.value = current;
    this.#select.disabled = codes.length === 0;
  }

  connectedCallback() {
    if (this.#select) return;
    const form = el('form', 'card admin-section');
    form.id = 'create-operator';
    form.noValidate = true;
    form.setAttribute('aria-labelledby', 'create-operator-heading');
    const heading = el('h2', '', 'Create an operator');
    heading.id = 'create-operator-heading';

    this.#select = el('select', 'input');
    this.#select.disabled = true;
    const row = el('div', 'form-row');
    row.append(
      field('op-login', 'Login', input('login', 'text', { autocomplete: 'off', required: true })),
      field('op-name', 'Name', input('name', 'text', { autocomplete: 'off', required: true })),
    );
    const row2 = el('div', 'form-row');
    row2.append(
      field('op-main-language', 'Main language', Object.assign(this.#select, { name: 'mainLanguage' })),
      field('op-capacity', 'Capacity', input('capacity', 'number', { min: 1, step: 1, placeholder: 'default' }),
        'Conversations at once; empty for the default.'),
    );
    const password = field('op-password', 'Password', input('password', 'password', { autocomplete: 'new-password', required: true }),
      '8 to 72 characters.');
    const submit = el('button', 'button button-primary', 'Create operator');
    submit.type = 'submit';
    this.#result = el('p', 'form-result');
    this.#result.setAttribute('role', 'status');
    form.append(heading, row, password, row2, submit, this.#result);
    this.replaceChildren(form);

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const profile = {
        login: String(data.get('login')).trim(),
        name: String(data.get('name')).trim(),
        password: String(data.get('password')),
        mainLanguage: this.#select.value,
      };
      const capacity = String(data.get('capacity') ?? '').trim();
      if (capacity) profile.capacity = Number(capacity);
      submit.disabled = true;
      try {
        const created = await api.adminCreateOperator(profile);
        this.#show(true, `Created ${created.name} (login ${created.login}, capacity ${created.capacity}, id ${created.id}).`);
        form.reset();
      } catch (error) {
        if (error.status === 401) this.dispatchEvent(new CustomEvent('admin-unauthorized', { bubbles: true }));
        this.#show(false, error.message);
      }
      submit.disabled = false;
    });
  }

  #show(ok, text) {
    this.#result.className = `form-result ${ok ? 'ok' : 'fail'}`;
    this.#result.textContent = text;
  }
}

function input(name, type, attributes) {
  const node = el('input', 'input');
  Object.assign(node, { name, type }, attributes);
  return node;
}

function field(id, label, control, hint) {
  const box = el('div', 'field');
  const labelEl = el('label', '', label);
  labelEl.htmlFor = id;
  control.id = id;
  box.append(labelEl, control);
  if (hint) {
    const hintEl = el('p', 'field-hint', hint);
    hintEl.id = `${id}-hint`;
    control.setAttribute('aria-describedby', hintEl.id);
    box.append(hintEl);
  }
  return box;
}

customElements.define('admin-operator-form', AdminOperatorForm);
