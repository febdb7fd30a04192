// The canned responses an operator inserts by typing ":" and a shortcut, loaded through the
// API once and again when they are older than a minute. Shared by every composer.

import * as api from './api.js';

const FRESH_MS = 60_000;
const MAX_SUGGESTIONS = 8;

class CannedResponses {
  #list = [];
  #loadedAt = 0;
  #loading = null;

  /** Loads the list unless it is fresh; never throws (an empty list then). */
  refresh() {
    if (this.#loading || Date.now() - this.#loadedAt < FRESH_MS) return this.#loading ?? Promise.resolve();
    this.#loading = api.getCannedResponses()
      .then((list) => {
        this.#list = list;
        this.#loadedAt = Date.now();
      })
      .catch(() => {})
      .finally(() => { this.#loading = null; });
    return this.#loading;
  }

  /** The responses whose shortcut starts with `typed`, then those that contain it. */
  suggest(typed) {
    const starts = this.#list.filter((r) => r.shortcut.startsWith(typed));
    const contains = this.#list.filter((r) => !r.shortcut.startsWith(typed) && r.shortcut.includes(typed));
    return [...starts, ...contains].slice(0, MAX_SUGGESTIONS);
  }
}

export const cannedResponses = new CannedResponses();
