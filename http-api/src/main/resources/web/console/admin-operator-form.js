// Admin: creates an operator. Property: languages (the enabled codes).

import * as api from './api.js';
import { field, reportUnauthorized, showResult } from './admin-forms.js';
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
      field('op-login', 'Login', input('login', 'text', { id: 'op-login', autocomplete: 'off', required: true })),
      field('op-name', 'Name', input('name', 'text', { id: 'op-name', autocomplete: 'off', required: true })),
    );
    const row2 = el('div', 'form-row');
    row2.append(
      field('op-main-language', 'Main language', Object.assign(this.#select, { id: 'op-main-language', name: 'mainLanguage' })),
      field('op-capacity', 'Capacity', input('capacity', 'number', { id: 'op-capacity', min: 1, step: 1, placeholder: 'default' }),
        'Conversations at once; empty for the default.'),
    );
    const password = field('op-password', 'Password', input('password', 'password', { id: 'op-password', autocomplete: 'new-password', required: true }),
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
        showResult(this.#result, true, `Created ${created.name} (login ${created.login}, capacity ${created.capacity}, id ${created.id}).`);
        form.reset();
      } catch (error) {
        reportUnauthorized(this, error);
        showResult(this.#result, false, error.message);
      }
      submit.disabled = false;
    });
  }
}

function input(name, type, attributes) {
  const node = el('input', 'input');
  Object.assign(node, { name, type }, attributes);
  return node;
}

customElements.define('admin-operator-form', AdminOperatorForm);
