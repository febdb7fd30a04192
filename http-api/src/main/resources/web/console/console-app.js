// The console: sign-in, then the top bar, the LIVECHAT sidebar, the routed main area and
// the chat windows. Owns the socket, presence and the conversations store; children get
// state as properties and report intent with bubbling events.

import * as api from './api.js';
import { LiveSocket } from './socket.js';
import { Presence } from './presence.js';
import { Conversations } from './conversations.js';
import { el } from './format.js';

const WINDOWS_KEY = 'livechat.chatWindows';
const WINDOW_WIDTH = 336;

class ConsoleApp extends HTMLElement {
  #profile = null;
  #socket = null;
  #presence = null;
  #store = null;
  #windows = [];
  #parts = null;
  #wasConnected = false;
  #wired = false;
  #dockObserver = null;
  #onHash = () => this.#route();
  #onUnauthorized = () => this.#signOut({ tellServer: false });

  connectedCallback() {
    api.authEvents.addEventListener('unauthorized', this.#onUnauthorized);
    if (api.session.token) this.#boot();
    else this.#showSignIn();
  }

  disconnectedCallback() {
    api.authEvents.removeEventListener('unauthorized', this.#onUnauthorized);
    this.#teardown();
  }

  #showSignIn(message) {
    const page = document.createElement('sign-in-page');
    page.message = message ?? '';
    page.addEventListener('signed-in', () => this.#boot());
    this.replaceChildren(page);
    document.title = 'Sign in · livechat';
  }

  async #boot() {
    const loading = el('p', 'boot-state', 'Loading the console…');
    loading.setAttribute('role', 'status');
    this.replaceChildren(loading);
    let settings;
    try {
      [this.#profile, settings] = await Promise.all([api.getMe(), api.getConsoleSettings()]);
    } catch (error) {
      if (error.status === 401) return;
      this.#showBootError(error);
      return;
    }
    this.#buildShell();
    this.#socket = new LiveSocket(api.session.token);
    this.#store = new Conversations(this.#socket);
    this.#presence = new Presence(settings.heartbeatSeconds);
    this.#wire();
    this.#socket.start();
    this.#presence.start();
    this.#store.refreshInbox();
    this.#restoreWindows();
    window.addEventListener('hashchange', this.#onHash);
    this.#route();
  }

  #showBootError(error) {
    const box = el('div', 'boot-state');
    box.setAttribute('role', 'alert');
    const retry = el('button', 'button', 'Try again');
    retry.type = 'button';
    retry.addEventListener('click', () => this.#boot());
    box.append(el('p', '', `The console could not start: ${error.message}`), retry);
    this.replaceChildren(box);
  }

  #buildShell() {
    const topBar = document.createElement('top-bar');
    topBar.profile = this.#profile;

    const banners = el('div', 'banners');
    banners.setAttribute('aria-live', 'polite');
    const connection = el('div', 'banner banner-warning',
      'Reconnecting… New messages will appear as soon as the connection is back.');
    connection.id = 'connection-banner';
    connection.hidden = true;
    const presence = el('div', 'banner banner-info',
      'You were disconnected after a period without activity; '
      + 'join a channel again to receive conversations.');
    presence.id = 'presence-banner';
    presence.hidden = true;
    banners.append(connection, presence);

    const sidebar = el('aside', 'sidebar');
    sidebar.setAttribute('aria-label', 'Conversations');
    const inbox = document.createElement('live-inbox');
    sidebar.append(inbox);
    const main = el('main', 'main-area');
    main.id = 'main';
    main.tabIndex = -1;
    const workspace = el('div', 'workspace');
    workspace.append(sidebar, main);

    const windows = el('div', 'chat-windows');
    windows.id = 'chat-windows';
    windows.setAttribute('aria-label', 'Chat windows');
    windows.setAttribute('role', 'region');

    this.replaceChildren(topBar, banners, workspace, windows);
    this.#parts = { topBar, connection, presence, inbox, main, windows };
    // The main view's composer stays clear of the docked windows.
    this.#dockObserver = new ResizeObserver(() => {
      const width = windows.childElementCount ? windows.offsetWidth + 16 : 0;
      this.style.setProperty('--docked-width', `${width}px`);
    });
    this.#dockObserver.observe(windows);
  }

  #wire() {
    const store = this.#store;
    const live = (handler) => (event) => { if (store === this.#store) handler(event); };
    this.#socket.addEventListener('frame', live((e) => this.#onFrame(e.detail)));
    this.#socket.addEventListener('status', live((e) => this.#onSocketStatus(e.detail.connected)));
    this.#socket.addEventListener('unauthorized', this.#onUnauthorized);
    store.addEventListener('change', live((e) => this.#onConversationChange(e.detail.id)));
    store.addEventListener('inbox', live(() => this.#renderInbox()));
    store.addEventListener('incoming', live((e) => this.#openWindow(e.detail.id)));
    if (this.#wired) return;
    this.#wired = true;

    this.addEventListener('sign-out', () => this.#signOut({ tellServer: true }));
    this.addEventListener('inbox-open', (e) => {
      if (this.#store?.get(e.detail.conversationId)?.load === 'ready') {
        this.#store.markSeen(e.detail.conversationId);
      }
    });
    this.addEventListener('profile-changed', (e) => {
      this.#profile = e.detail.profile;
      this.#parts.topBar.profile = this.#profile;
    });
    this.addEventListener('channel-joined', () => { if (this.#parts) this.#parts.presence.hidden = true; });
    this.addEventListener('inbox-retry', () => this.#store?.refreshInbox());
    this.addEventListener('window-fold', (e) => this.#foldWindow(e.detail.conversationId));
    this.addEventListener('window-close', (e) => this.#closeWindow(e.detail.conversationId));
    const intent = (type, act) => this.addEventListener(type, (e) => {
      if (this.#store) act(this.#store, e.detail);
    });
    intent('thread-send', (s, d) => s.send(d.conversationId, d.text));
    intent('thread-command', (s, d) => s.command(d.conversationId, d.text));
    intent('thread-typing', (s, d) => s.typing(d.conversationId));
    intent('thread-seen', (s, d) => s.markSeen(d.conversationId));
    intent('thread-dismiss-error', (s, d) => s.dismissError(d.conversationId));
    intent('conversation-transfer', (s, d) => s.transfer(d.conversationId, d.operatorId));
    intent('conversation-close', (s, d) => s.close(d.conversationId));
  }

  #onFrame(frame) {
    if (frame.type === 'channels') {
      if (frame.reason === 'inactivity') this.#parts.presence.hidden = false;
      this.#profile = { ...this.#profile, channels: frame.channels ?? this.#profile.channels };
      this.#parts.main.querySelector('channels-page')?.refresh();
      return;
    }
    this.#store.apply(frame);
  }

  #onSocketStatus(connected) {
    this.#parts.connection.hidden = connected;
    if (!connected) return;
    // an assignment made before the socket was open came in no frame, even on the first
    // connection, whose inbox was asked for at the same time
    this.#store.refreshInbox();
    if (this.#wasConnected) this.#parts.main.querySelector('channels-page')?.refresh();
    this.#wasConnected = true;
  }

  // ---------------------------------------------------------------- routing

  #route() {
    const hash = location.hash || '#/channels';
    const main = this.#parts.main;
    const inboxMatch = /^#\/inbox\/(.+)$/.exec(hash);
    let route = 'channels';
    if (inboxMatch) route = 'inbox';
    else if (hash === '#/preferences') route = 'preferences';

    const previous = main.querySelector('conversation-view');
    const conversationId = inboxMatch ? decodeURIComponent(inboxMatch[1]) : null;
    if (previous && previous.conversationId !== conversationId && !this.#hasWindow(previous.conversationId)) {
      this.#store.release(previous.conversationId);
    }

    if (route === 'inbox') {
      if (previous?.conversationId !== conversationId) this.#showConversation(conversationId);
    } else if (route === 'preferences') {
      const page = document.createElement('preferences-page');
      page.profile = this.#profile;
      main.replaceChildren(page);
      document.title = 'Preferences · livechat';
    } else {
      main.replaceChildren(document.createElement('channels-page'));
      document.title = 'Channels · livechat';
    }
    this.#parts.topBar.route = route;
    this.#renderInbox();
  }

  async #showConversation(id) {
    const view = document.createElement('conversation-view');
    view.conversationId = id;
    this.#parts.main.replaceChildren(view);
    const state = await this.#store.open(id);
    if (!view.isConnected) return;
    view.conversation = state;
    document.title = `${state.visitorName} · livechat`;
    if (state.load === 'ready') this.#store.markSeen(id);
  }

  // ---------------------------------------------------------------- rendering

  #renderInbox() {
    const inbox = this.#parts?.inbox;
    if (!inbox) return;
    const view = this.#parts.main.querySelector('conversation-view');
    inbox.state = { status: this.#store.inboxState, error: this.#store.inboxError };
    inbox.activeId = view?.conversationId ?? null;
    inbox.entries = this.#store.inbox;
  }

  #onConversationChange(id) {
    const state = this.#store.get(id);
    for (const target of this.querySelectorAll('chat-window, conversation-view')) {
      if (target.conversationId === id) target.conversation = state;
    }
  }

  // ---------------------------------------------------------------- chat windows

  #hasWindow(id) {
    return this.#windows.some((w) => w.id === id);
  }

  #openWindow(id) {
    if (this.#hasWindow(id)) return;
    const room = Math.max(1, Math.floor((window.innerWidth - 24) / WINDOW_WIDTH));
    while (this.#windows.length >= room) this.#closeWindow(this.#windows[0].id);
    this.#windows.push({ id, folded: false });
    this.#mountWindow(id, false);
    this.#saveWindows();
  }

  async #mountWindow(id, folded) {
    const win = document.createElement('chat-window');
    win.conversationId = id;
    win.folded = folded;
    win.conversation = this.#store.get(id) ?? null;
    this.#parts.windows.append(win);
    win.conversation = await this.#store.open(id);
  }

  #foldWindow(id) {
    if (!this.#parts) return;
    const entry = this.#windows.find((w) => w.id === id);
    if (!entry) return;
    entry.folded = !entry.folded;
    const win = this.#windowElement(id);
    if (win) win.folded = entry.folded;
    this.#saveWindows();
  }

  #closeWindow(id) {
    if (!this.#parts) return;
    this.#windows = this.#windows.filter((w) => w.id !== id);
    this.#windowElement(id)?.remove();
    const view = this.#parts.main.querySelector('conversation-view');
    if (view?.conversationId !== id) this.#store.release(id);
    this.#saveWindows();
  }

  #windowElement(id) {
    return [...this.#parts.windows.children].find((w) => w.conversationId === id);
  }

  #saveWindows() {
    sessionStorage.setItem(WINDOWS_KEY, JSON.stringify(this.#windows));
  }

  #restoreWindows() {
    let saved = [];
    try {
      saved = JSON.parse(sessionStorage.getItem(WINDOWS_KEY) ?? '[]');
    } catch {
      saved = [];
    }
    this.#windows = saved.filter((w) => typeof w?.id === 'string');
    for (const w of this.#windows) this.#mountWindow(w.id, Boolean(w.folded));
  }

  // ---------------------------------------------------------------- sign out

  async #signOut({ tellServer }) {
    if (!this.#parts && !api.session.token) return;
    if (tellServer) await api.logout().catch(() => {});
    api.session.clear();
    sessionStorage.removeItem(WINDOWS_KEY);
    this.#teardown();
    this.#showSignIn(tellServer ? 'You are signed out.' : 'Your session ended; please sign in again.');
  }

  #teardown() {
    window.removeEventListener('hashchange', this.#onHash);
    this.#dockObserver?.disconnect();
    this.#socket?.stop();
    this.#presence?.stop();
    this.#socket = null;
    this.#presence = null;
    this.#store = null;
    this.#parts = null;
    this.#windows = [];
    this.#wasConnected = false;
  }
}

customElements.define('console-app', ConsoleApp);
