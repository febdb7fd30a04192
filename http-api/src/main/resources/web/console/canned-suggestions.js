// The list of canned responses under the composer while the operator types ":" and a
// shortcut. Properties: items ([{id, shortcut, text}]), activeIndex. The composer moves the
// selection with the keyboard; a click fires `suggestion-pick` (detail: {index}).

import { el } from './format.js';

let nextId = 0;

class CannedSuggestions extends HTMLElement {
  #items = [];
  #active = 0;
  #list = null;

  connectedCallback() {
    if (this.#list) return;
    this.#list = el('ul', 'suggestions');
    this.#list.id = `canned-suggestions-${(nextId += 1)}`;
    this.#list.setAttribute('role', 'listbox');
    this.#list.setAttribute('aria-label', 'Canned responses');
    // mousedown, not click: the composer keeps the focus
    this.#list.addEventListener('mousedown', (event) => {
      const option = event.target.closest('[role=option]');
      if (!option) return;
      event.preventDefault();
      this.dispatchEvent(new CustomEvent('suggestion-pick', {
        bubbles: true, detail: { index: Number(option.dataset.index) },
      }));
    });
    this.append(this.#list);
    this.#render();
  }

  get listId() { return this.#list?.id ?? ''; }

  get activeOptionId() { return this.#items.length ? `${this.listId}-${this.#active}` : ''; }

  set items(items) {
    this.#items = items;
    this.#active = 0;
    this.#render();
  }

  get items() { return this.#items; }

  set activeIndex(index) {
    this.#active = index;
    this.#render();
  }

  get activeIndex() { return this.#active; }

  #render() {
    if (!this.#list) return;
    this.hidden = this.#items.length === 0;
    this.#list.replaceChildren(...this.#items.map((item, index) => {
      const option = el('li', 'suggestion');
      option.id = `${this.listId}-${index}`;
      option.dataset.index = String(index);
      option.dataset.shortcut = item.shortcut;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', String(index === this.#active));
      option.append(el('span', 'suggestion-shortcut', `:${item.shortcut}`), el('span', 'suggestion-text', item.text));
      return option;
    }));
    this.#list.children[this.#active]?.scrollIntoView({ block: 'nearest' });
  }
}

customElements.define('canned-suggestions', CannedSuggestions);
