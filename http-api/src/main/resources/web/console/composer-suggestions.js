// The list the composer shows above itself while the operator types ":" and a shortcut (canned
// responses) or "/" and a name (commands). Properties: items ([{key, label, detail}]),
// activeIndex, label. The composer moves the selection with the keyboard; a click fires
// `suggestion-pick` (detail: {index}).

import { el } from './format.js';

let nextId = 0;

class ComposerSuggestions extends HTMLElement {
  #items = [];
  #active = 0;
  #list = null;

  connectedCallback() {
    if (this.#list) return;
    this.#list = el('ul', 'suggestions');
    this.#list.id = `composer-suggestions-${(nextId += 1)}`;
    this.#list.setAttribute('role', 'listbox');
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

  set label(text) { this.#list?.setAttribute('aria-label', text); }

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
      option.dataset.key = item.key;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', String(index === this.#active));
      option.append(el('span', 'suggestion-label', item.label), el('span', 'suggestion-detail', item.detail));
      return option;
    }));
    this.#list.children[this.#active]?.scrollIntoView({ block: 'nearest' });
  }
}

customElements.define('composer-suggestions', ComposerSuggestions);
