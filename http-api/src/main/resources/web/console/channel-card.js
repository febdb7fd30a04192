// One channel on the Channels page. Properties: channel, busy, error.
// Fires `channel-join` / `channel-leave` (detail: {channelId}).

import { el } from './format.js';

class ChannelCard extends HTMLElement {
  #channel = null;
  #busy = false;
  #error = '';

  set channel(channel) { this.#channel = channel; this.#render(); }
  get channel() { return this.#channel; }
  set busy(busy) { this.#busy = busy; this.#render(); }
  set error(error) { this.#error = error; this.#render(); }

  connectedCallback() { this.#render(); }

  #render() {
    const channel = this.#channel;
    if (!channel || !this.isConnected) return;
    this.dataset.channelId = channel.id;
    this.classList.toggle('joined', channel.joined);

    const card = el('article', 'card channel');
    card.setAttribute('aria-labelledby', `channel-${channel.id}`);
    const name = el('h2', 'channel-name', channel.name);
    name.id = `channel-${channel.id}`;
    const badge = el('span', 'badge', channel.joined ? 'Joined' : 'Not joined');
    badge.classList.toggle('badge-on', channel.joined);

    const stats = el('dl', 'channel-stats');
    stats.append(
      this.#stat('Operators', 'channel-operators', channel.operators),
      this.#stat('Waiting', 'channel-waiting', channel.waiting),
    );

    const action = channel.joined ? 'leave' : 'join';
    const button = el('button', `button ${action} ${channel.joined ? '' : 'button-primary'}`,
      channel.joined ? 'Leave' : 'Join');
    button.type = 'button';
    button.disabled = this.#busy;
    button.setAttribute('aria-label', `${channel.joined ? 'Leave' : 'Join'} ${channel.name}`);
    button.addEventListener('click', () => {
      this.dispatchEvent(new CustomEvent(`channel-${action}`, {
        bubbles: true, detail: { channelId: channel.id },
      }));
    });

    const error = el('p', 'form-error card-error', this.#error);
    error.setAttribute('role', 'alert');
    error.hidden = !this.#error;

    const footer = el('div', 'card-footer');
    footer.append(badge, button);
    card.append(name, stats, error, footer);
    const hadFocus = this.contains(document.activeElement);
    this.replaceChildren(card);
    if (hadFocus) button.focus();
  }

  #stat(label, className, value) {
    const box = el('div', 'stat');
    box.append(el('dt', '', label), el('dd', className, String(value)));
    return box;
  }
}

customElements.define('channel-card', ChannelCard);
