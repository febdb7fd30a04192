// Preferences: Online Chat Name, main language and Online Chat Languages.
// Property: profile. Fires `profile-changed` (detail: {profile}) after a save.

import * as api from './api.js';
import { el, languageName } from './format.js';

class PreferencesPage extends HTMLElement {
  profile = null;
  #form;

  connectedCallback() {
    const header = el('header', 'page-header');
    header.append(
      el('h1', '', 'Preferences'),
      el('p', 'muted', 'How visitors see you, and which languages you chat in.'),
    );
    this.#form = el('form', 'card preferences-form');
    this.#form.noValidate = true;
    this.#form.setAttribute('aria-busy', 'true');
    this.#form.append(el('p', 'muted', 'Loading your preferences…'));
    this.replaceChildren(header, this.#form);
    this.#load();
  }

  async #load() {
    try {
      const [{ enabled }, profile] = await Promise.all([api.getLanguages(), api.getMe()]);
      this.profile = profile;
      this.#build(enabled);
    } catch (error) {
      const retry = el('button', 'button button-small', 'Retry');
      retry.type = 'button';
      retry.addEventListener('click', () => this.connectedCallback());
      this.#form.replaceChildren(
        el('p', 'notice-error', `Your preferences could not be loaded: ${error.message}`), retry);
    }
  }

  #build(enabled) {
    const profile = this.profile;
    const form = this.#form;
    form.removeAttribute('aria-busy');
    form.replaceChildren();

    const account = el('p', 'muted account-line');
    account.append('Signed in as ', el('strong', '', profile.login), ` · user name ${profile.name}`);

    // Online Chat Name
    const nameRow = el('div', 'field');
    const nameLabel = el('label', '', 'Online Chat Name');
    nameLabel.htmlFor = 'online-chat-name';
    const nameInput = el('input', 'input');
    Object.assign(nameInput, {
      id: 'online-chat-name', name: 'onlineChatName', type: 'text', autocomplete: 'nickname',
      value: profile.onlineChatName ?? '', placeholder: profile.name,
    });
    nameInput.setAttribute('aria-describedby', 'online-chat-name-hint online-chat-name-error');
    const hint = el('p', 'field-hint');
    hint.id = 'online-chat-name-hint';
    hint.setAttribute('aria-live', 'polite');
    const showHint = () => {
      const shown = nameInput.value.trim() || profile.name;
      hint.replaceChildren('Visitors will see ', el('strong', 'visible-name', shown),
        nameInput.value.trim() ? '.' : ' (your user name, since this field is empty).');
    };
    nameInput.addEventListener('input', showHint);
    showHint();
    nameRow.append(nameLabel, nameInput, hint, this.#errorSlot('online-chat-name-error'));

    // Main language
    const mainRow = el('div', 'field');
    const mainLabel = el('label', '', 'Main language');
    mainLabel.htmlFor = 'main-language';
    const select = el('select', 'input');
    select.id = 'main-language';
    select.name = 'mainLanguage';
    select.setAttribute('aria-describedby', 'main-language-error');
    for (const code of enabled) {
      const option = el('option', '', `${languageName(code)} (${code})`);
      option.value = code;
      option.selected = code === profile.mainLanguage;
      select.append(option);
    }
    mainRow.append(mainLabel, select, this.#errorSlot('main-language-error'));

    // Online Chat Languages
    const chatSet = el('fieldset', 'field checkbox-group');
    chatSet.id = 'chat-languages';
    chatSet.setAttribute('aria-describedby', 'chat-languages-hint chat-languages-error');
    chatSet.append(el('legend', '', 'Online Chat Languages'));
    const chatHint = el('p', 'field-hint', 'Other languages you can chat in. Only the languages enabled for this service are offered.');
    chatHint.id = 'chat-languages-hint';
    const boxes = el('div', 'checkbox-grid');
    for (const code of enabled) {
      const label = el('label', 'checkbox');
      const box = el('input');
      Object.assign(box, { type: 'checkbox', value: code, name: 'chatLanguages' });
      box.checked = profile.chatLanguages.includes(code);
      label.append(box, ` ${languageName(code)} `, el('span', 'code', code));
      boxes.append(label);
    }
    if (enabled.length === 0) boxes.append(el('p', 'muted', 'No language is enabled yet; ask an administrator.'));
    chatSet.append(chatHint, boxes, this.#errorSlot('chat-languages-error'));

    // Save
    const actions = el('div', 'form-actions');
    const save = el('button', 'button button-primary', 'Save');
    save.id = 'save-preferences';
    save.type = 'submit';
    const status = el('p', 'form-status');
    status.id = 'preferences-status';
    status.setAttribute('role', 'status');
    actions.append(save, status);

    form.append(account, nameRow, mainRow, chatSet, actions);
    form.addEventListener('input', () => { status.textContent = ''; });
    form.onsubmit = (event) => {
      event.preventDefault();
      this.#save({ nameInput, select, boxes, save, status });
    };
  }

  #errorSlot(id) {
    const slot = el('p', 'field-error');
    slot.id = id;
    slot.setAttribute('role', 'alert');
    slot.hidden = true;
    return slot;
  }

  async #save({ nameInput, select, boxes, save, status }) {
    for (const slot of this.querySelectorAll('.field-error')) {
      slot.hidden = true;
      slot.textContent = '';
    }
    const chatLanguages = [...boxes.querySelectorAll('input:checked')].map((box) => box.value);
    const changes = { onlineChatName: nameInput.value.trim() || null, chatLanguages };
    if (select.value && select.value !== this.profile.mainLanguage) changes.mainLanguage = select.value;

    save.disabled = true;
    status.textContent = 'Saving…';
    try {
      this.profile = await api.updateMe(changes);
      status.textContent = 'Saved';
      this.dispatchEvent(new CustomEvent('profile-changed', { bubbles: true, detail: { profile: this.profile } }));
    } catch (error) {
      status.textContent = '';
      this.#showError(error, changes);
    }
    save.disabled = false;
  }

  /** The API names the offending language code, not the field: find the field that holds it. */
  #showError(error, changes) {
    let slot = 'online-chat-name-error';
    if (error.code === 'language_not_enabled' || /language/i.test(error.message)) {
      const mainIsBad = changes.mainLanguage && error.message.includes(`'${changes.mainLanguage}'`);
      slot = mainIsBad || /mainLanguage/.test(error.message) ? 'main-language-error' : 'chat-languages-error';
    } else if (error.status === 0 || error.status >= 500) {
      slot = null;
    }
    const target = slot ? this.querySelector(`#${slot}`) : null;
    if (target) {
      target.textContent = error.message;
      target.hidden = false;
    } else {
      const status = this.querySelector('#preferences-status');
      status.textContent = `Not saved: ${error.message}`;
    }
  }
}

customElements.define('preferences-page', PreferencesPage);
