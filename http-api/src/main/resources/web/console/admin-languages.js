// Admin: which languages are enabled. Fires `languages-changed` (detail: {enabled}) once
// loaded and after each save.

import * as api from './api.js';
import { reportUnauthorized, showResult } from './admin-forms.js';
import { el, languageName } from './format.js';

const COMMON = [
  'en_US', 'en_GB', 'fr_FR', 'fr_BE', 'fr_CA', 'de_DE', 'de_CH', 'es_ES', 'es_MX', 'it_IT',
  'nl_NL', 'nl_BE', 'pt_BR', 'pt_PT', 'pl_PL', 'sv_SE', 'da_DK', 'nb_NO', 'fi_FI', 'cs_CZ',
  'ro_RO', 'tr_TR', 'ar_SA', 'ja_JP', 'zh_CN',
];

class AdminLanguages extends HTMLElement {
  #boxes;
  #result;

  connectedCallback() {
    if (this.#boxes) return;
    const section = el('section', 'card admin-section');
    section.setAttribute('aria-labelledby', 'languages-heading');
    const heading = el('h2', '', 'Enabled languages');
    heading.id = 'languages-heading';
    const hint = el('p', 'muted',
      'Operators choose their main and chat languages among these; visitors are matched by their browser’s language.');
    this.#boxes = el('fieldset', 'checkbox-group field');
    this.#boxes.id = 'languages';
    this.#boxes.append(el('legend', 'visually-hidden', 'Enabled languages'), el('p', 'muted', 'Loading…'));
    const save = el('button', 'button button-primary', 'Save languages');
    save.id = 'save-languages';
    save.type = 'button';
    this.#result = el('p', 'form-result');
    this.#result.setAttribute('role', 'status');
    const actions = el('div', 'form-actions');
    actions.append(save, this.#result);
    section.append(heading, hint, this.#boxes, actions);
    this.replaceChildren(section);
    save.addEventListener('click', () => this.#save(save));
    this.#load();
  }

  async #load() {
    try {
      const { enabled } = await api.getLanguages();
      this.#render(enabled);
      this.#announce(enabled);
    } catch (error) {
      showResult(this.#result, false, `The languages could not be loaded: ${error.message}`);
    }
  }

  #render(enabled) {
    const codes = [...new Set([...COMMON, ...enabled])];
    const grid = el('div', 'checkbox-grid');
    for (const code of codes) {
      const label = el('label', 'checkbox');
      const box = el('input');
      Object.assign(box, { type: 'checkbox', value: code, name: 'enabled', checked: enabled.includes(code) });
      label.append(box, ` ${languageName(code)} `, el('span', 'code', code));
      grid.append(label);
    }
    this.#boxes.replaceChildren(el('legend', 'visually-hidden', 'Enabled languages'), grid);
  }

  async #save(button) {
    const enabled = [...this.#boxes.querySelectorAll('input:checked')].map((box) => box.value);
    button.disabled = true;
    try {
      const saved = await api.adminPutLanguages(enabled);
      showResult(this.#result, true, `Saved: ${saved.enabled.length} language${saved.enabled.length === 1 ? '' : 's'} enabled (${saved.enabled.join(', ') || 'none'}).`);
      this.#announce(saved.enabled);
    } catch (error) {
      reportUnauthorized(this, error);
      showResult(this.#result, false, error.message);
    }
    button.disabled = false;
  }

  #announce(enabled) {
    this.dispatchEvent(new CustomEvent('languages-changed', { detail: { enabled } }));
  }
}

customElements.define('admin-languages', AdminLanguages);
