// The admin page: asks for the admin token, then shows languages, operator and channel
// creation, every channel, the canned responses, the webhooks, the conversations with their
// transcripts, and the reports. Children fire `admin-unauthorized` when the token is refused.

import * as api from './api.js';
import { el } from './format.js';

class AdminApp extends HTMLElement {
  connectedCallback() {
    this.addEventListener('admin-unauthorized', () => {
      api.adminSession.clear();
      this.#showTokenForm('The admin token was refused; enter it again.');
    });
    if (api.adminSession.token) this.#showConsole();
    else this.#showTokenForm('');
  }

  #showTokenForm(message) {
    const form = el('form', 'sign-in-card');
    form.noValidate = true;
    const label = el('label', '', 'Admin token');
    label.htmlFor = 'admin-token';
    const input = el('input', 'input');
    Object.assign(input, { id: 'admin-token', name: 'token', type: 'password', autocomplete: 'off', required: true });
    input.setAttribute('aria-describedby', 'admin-token-hint');
    const hint = el('p', 'field-hint',
      'The value of LIVECHAT_ADMIN_TOKEN (a development node prints it at start). It is kept for this tab only.');
    hint.id = 'admin-token-hint';
    const field = el('div', 'field');
    field.append(label, input, hint);
    const error = el('p', 'form-error', message);
    error.setAttribute('role', 'alert');
    const button = el('button', 'button button-primary button-wide', 'Continue');
    button.id = 'admin-sign-in';
    button.type = 'submit';
    form.append(el('p', 'brand brand-large', 'livechat'), el('h1', '', 'Administration'), field, error, button);

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const token = input.value.trim();
      if (!token) {
        error.textContent = 'Enter the admin token.';
        return;
      }
      button.disabled = true;
      api.adminSession.save(token);
      try {
        await api.adminGetChannels();
        this.#showConsole();
      } catch (failure) {
        api.adminSession.clear();
        error.textContent = failure.status === 401 ? 'This admin token is not valid.' : failure.message;
        button.disabled = false;
      }
    });
    const page = el('div', 'sign-in-page');
    page.append(form);
    this.replaceChildren(page);
    document.title = 'Administration · livechat';
    input.focus();
  }

  #showConsole() {
    const page = el('div', 'admin-page');
    const header = el('header');
    const titles = el('div');
    titles.append(el('p', 'brand', 'livechat'), el('h1', '', 'Administration'));
    const links = el('div', 'chat-actions');
    const consoleLink = el('a', 'button button-quiet', 'Operator console');
    consoleLink.href = '/console/';
    const forget = el('button', 'button', 'Forget the token');
    forget.type = 'button';
    forget.addEventListener('click', () => {
      api.adminSession.clear();
      this.#showTokenForm('');
    });
    links.append(consoleLink, forget);
    header.append(titles, links);

    const languages = document.createElement('admin-languages');
    const operatorForm = document.createElement('admin-operator-form');
    const channelForm = document.createElement('admin-channel-form');
    const table = document.createElement('admin-channel-table');
    const canned = document.createElement('admin-canned-responses');
    const webhooks = document.createElement('admin-webhooks');
    const conversations = document.createElement('admin-conversation-list');
    const transcript = document.createElement('admin-transcript');
    const reports = document.createElement('admin-reports');
    const forms = el('div', 'admin-grid');
    forms.append(operatorForm, channelForm);
    page.append(header, languages, forms, table, canned, webhooks, conversations, transcript, reports);
    this.replaceChildren(page);

    conversations.addEventListener('conversation-selected', (e) => { transcript.conversationId = e.detail.id; });
    languages.addEventListener('languages-changed', (e) => { operatorForm.languages = e.detail.enabled; });
    channelForm.addEventListener('channel-created', () => table.refresh());
  }
}

customElements.define('admin-app', AdminApp);
