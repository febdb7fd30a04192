// Keeps the operator online while they use the console: a heartbeat at most once per
// period, and only after their own input (a forgotten tab sends nothing).

import { heartbeat } from './api.js';

const INPUT_EVENTS = ['keydown', 'mousedown', 'click', 'focus'];

export class Presence {
  #periodMs;
  #lastBeat = 0;
  #inputSinceBeat = false;
  #timer = 0;
  #onInput = (event) => {
    if (event.type === 'focus' && event.target !== window) return;
    this.#input();
  };

  constructor(heartbeatSeconds) {
    this.#periodMs = Math.max(1, heartbeatSeconds) * 1000;
  }

  start() {
    for (const type of INPUT_EVENTS) window.addEventListener(type, this.#onInput, true);
  }

  stop() {
    for (const type of INPUT_EVENTS) window.removeEventListener(type, this.#onInput, true);
    clearTimeout(this.#timer);
    this.#timer = 0;
  }

  #input() {
    this.#inputSinceBeat = true;
    if (this.#timer) return;
    const wait = Math.max(0, this.#lastBeat + this.#periodMs - Date.now());
    this.#timer = setTimeout(() => this.#beat(), wait);
  }

  #beat() {
    this.#timer = 0;
    if (!this.#inputSinceBeat) return;
    this.#inputSinceBeat = false;
    this.#lastBeat = Date.now();
    heartbeat().catch(() => {});
  }
}
