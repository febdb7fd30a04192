// The top bar: product name, navigation, the operator's display name and Sign out.
// Fires `sign-out`.

import { el } from './format.js';

class TopBar extends HTMLElement {
  #name;
  #links = {};
  #profile = null;
  #route = null;

  connectedCallback() {
    if (this.#name) return;
    const bar = el('header', 'top-bar');
    const brand = el('a', 'brand', 'livechat');
    brand.href = '#/channels';
    brand.setAttribute('aria-label', 'livechat, operator console');

    const nav = el('nav', 'top-nav');
    nav.setAttribute('aria-label', 'Main');
    for (const [route, label] of [['channels', 'Channels'], ['preferences', 'Preferences']]) {
      const link = el('a', 'nav-link', label);
      link.id = `nav-${route}`;
      link.href = `#/${route}`;
      this.#links[route] = link;
      nav.append(link);
    }

    const who = el('div', 'top-user');
    const avatar = el('span', 'avatar');
    avatar.setAttribute('aria-hidden', 'true');
    this.#name = el('span', 'top-user-name');
    this.#name.id = 'operator-display-name';
    const signOut = el('button', 'button button-quiet', 'Sign out');
    signOut.id = 'sign-out';
    signOut.type = 'button';
    signOut.addEventListener('click', () => {
      this.dispatchEvent(new CustomEvent('sign-out', { bubbles: true }));
    });
    who.append(avatar, this.#name, signOut);

    bar.append(brand, nav, who);
    this.replaceChildren(bar);
    this.#render();
  }

  set profile(profile) {
    this.#profile = profile;
    this.#render();
  }

  set route(route) {
    this.#route = route;
    this.#render();
  }

  #render() {
    if (!this.#name) return;
    const name = this.#profile?.displayName ?? '';
    this.#name.textContent = name;
    this.querySelector('.avatar').textContent = name.trim().charAt(0).toUpperCase();
    for (const [route, link] of Object.entries(this.#links)) {
      if (route === this.#route) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }
}

customElements.define('top-bar', TopBar);
