// The sign-in screen. Fires `signed-in` once the token is stored.

import * as api from './api.js';
import { el } from './format.js';

class SignInPage extends HTMLElement {
  message = '';

  connectedCallback() {
    const form = el('form', 'sign-in-card');
    form.id = 'sign-in-form';
    form.noValidate = true;

    const brand = el('p', 'brand brand-large', 'livechat');
    const title = el('h1', '', 'Sign in to the operator console');
    const note = el('p', 'sign-in-note', this.message);
    note.setAttribute('role', 'status');
    note.hidden = !this.message;

    const login = this.#field('login', 'Login', 'text', 'username');
    const password = this.#field('password', 'Password', 'password', 'current-password');

    const error = el('p', 'form-error');
    error.id = 'sign-in-error';
    error.setAttribute('role', 'alert');

    const button = el('button', 'button button-primary button-wide', 'Sign in');
    button.id = 'sign-in';
    button.type = 'submit';

    form.append(brand, title, note, login.row, password.row, error, button);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      if (!login.input.value.trim() || !password.input.value) {
        error.textContent = 'Enter your login and your password.';
        return;
      }
      button.disabled = true;
      button.textContent = 'Signing in…';
      try {
        api.session.save(await api.login(login.input.value.trim(), password.input.value));
        this.dispatchEvent(new CustomEvent('signed-in', { bubbles: true }));
      } catch (failure) {
        error.textContent = failure.message;
        button.disabled = false;
        button.textContent = 'Sign in';
        password.input.select();
      }
    });

    const page = el('div', 'sign-in-page');
    page.append(form);
    this.replaceChildren(page);
    login.input.focus();
  }

  #field(id, label, type, autocomplete) {
    const row = el('div', 'field');
    const labelEl = el('label', '', label);
    labelEl.htmlFor = id;
    const input = el('input', 'input');
    Object.assign(input, { id, name: id, type, autocomplete, required: true });
    row.append(labelEl, input);
    return { row, input };
  }
}

customElements.define('sign-in-page', SignInPage);
