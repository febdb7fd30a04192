// The parts a chat window and the main view share above a thread: the visitor's name and
// language, and the Transfer and Close actions.

import { isOpenForReply } from './conversations.js';
import { el, languageName } from './format.js';

export function buildHeader(titleTag) {
  const title = el(titleTag, 'chat-title');
  const language = el('span', 'visitor-language');
  const identity = el('div', 'chat-identity');
  identity.append(title, language);

  const transfer = el('button', 'button button-small transfer', 'Transfer');
  transfer.type = 'button';
  const close = el('button', 'button button-small close-conversation', 'Close conversation');
  close.type = 'button';
  const actions = el('div', 'chat-actions');
  actions.append(transfer, close);

  return { title, language, identity, transfer, close, actions };
}

export function renderHeader(parts, state) {
  parts.title.textContent = state?.visitorName ?? 'Conversation';
  const code = state?.visitorLanguage;
  parts.language.replaceChildren();
  parts.language.hidden = !code;
  if (code) {
    parts.language.append(languageName(code), ' ', el('span', 'code', code));
    parts.language.title = `The visitor’s language: ${languageName(code)}`;
  }
  const open = isOpenForReply(state);
  parts.transfer.disabled = !open;
  parts.close.disabled = !open;
}

/** Wires the actions: Transfer opens the thread's picker, Close fires `conversation-close`. */
export function wireHeader(parts, host, thread) {
  parts.transfer.addEventListener('click', () => thread.toggleTransfer());
  parts.close.addEventListener('click', () => {
    host.dispatchEvent(new CustomEvent('conversation-close', {
      bubbles: true, detail: { conversationId: host.conversationId },
    }));
  });
  const seen = () => host.dispatchEvent(new CustomEvent('thread-seen', {
    bubbles: true, detail: { conversationId: host.conversationId },
  }));
  host.addEventListener('focusin', seen);
  host.addEventListener('pointerdown', seen);
  host.addEventListener('keydown', seen);
}
