// Admin: creates a channel and shows how to embed its widget. Fires `channel-created`.

import * as api from './api.js';
import { reportUnauthorized } from './admin-forms.js';
import { el } from './format.js';
import { embedSnippet } from './admin-channel-table.js';

class AdminChannelForm extends HTMLElement {
  connectedCallback() {
    if (this.firstChild) return;
    const form = el('form', 'card admin-section');
    form.id = 'create-channel';
    form.noValidate = true;
    form.setAttribute('aria-labelledby', 'create-channel-heading');
    const heading = el('h2', '', 'Create a channel');
    heading.id = 'create-channel-heading';
    const box = el('div', 'field');
    const label = el('label', '', 'Name');
    label.htmlFor = 'channel-name';
    const name = el('input', 'input');
    Object.assign(name, { id: 'channel-name', name: 'name', type: 'text', autocomplete: 'off', required: true, placeholder: 'e.g. Website support' });
    box.append(label, name);
    const submit = el('button', 'button button-primary', 'Create channel');
    submit.type = 'submit';
    const result = el('div', 'form-result');
    result.setAttribute('role', 'status');
    form.append(heading, box, submit, result);
    this.replaceChildren(form);

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      submit.disabled = true;
      try {
        const channel = await api.adminCreateChannel(name.value.trim());
        result.className = 'form-result ok';
        result.replaceChildren(
          el('p', '', `Created “${channel.name}” (id ${channel.id}). Embed its widget with:`),
          el('code', 'snippet', embedSnippet(channel.id)),
        );
        form.reset();
        this.dispatchEvent(new CustomEvent('channel-created', { bubbles: true, detail: { channel } }));
      } catch (error) {
        reportUnauthorized(this, error);
        result.className = 'form-result fail';
        result.textContent = error.message;
      }
      submit.disabled = false;
    });
  }
}

customElements.define('admin-channel-form', AdminChannelForm);
