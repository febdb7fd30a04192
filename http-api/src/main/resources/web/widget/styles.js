// The widget's stylesheet, inside its shadow root. Colours are custom properties a site can
// override on the host element: livechat-widget { --livechat-accent: #0f766e; }
// Sizes are in px, never rem, so that the page's root font size does not leak in. The host's own
// box sits under the launcher and lets clicks through; the launcher and panel are fixed.

export const css = `
:host {
  all: initial !important;
  display: block !important;
  position: fixed !important;
  right: 20px !important;
  bottom: 20px !important;
  width: 60px !important;
  height: 60px !important;
  pointer-events: none !important;
  z-index: var(--livechat-z-index, 2147483000) !important;
  --livechat-accent: #3454d1;
  --livechat-accent-hover: #2a45b0;
  --livechat-accent-contrast: #ffffff;
  --livechat-background: #ffffff;
  --livechat-thread-background: #f5f6f8;
  --livechat-text: #1f2430;
  --livechat-muted: #6b7280;
  --livechat-border: #e3e6eb;
  --livechat-bubble-operator: #ffffff;
  --livechat-bubble-operator-text: #1f2430;
  --livechat-bubble-mine: var(--livechat-accent);
  --livechat-bubble-mine-text: var(--livechat-accent-contrast);
  --livechat-online: #16a34a;
  --livechat-waiting: #f59e0b;
  --livechat-away: #9ca3af;
  --livechat-danger: #c62828;
  --livechat-danger-background: #fdecec;
  --livechat-warning-background: #fff6e0;
  --livechat-accent-soft: color-mix(in srgb, var(--livechat-accent) 10%, #ffffff);
  --livechat-radius: 16px;
  --livechat-font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji";
}

*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }

.root {
  font-family: var(--livechat-font);
  font-size: 14px;
  line-height: 1.45;
  color: var(--livechat-text);
  text-align: left;
  -webkit-font-smoothing: antialiased;
}

button, input, textarea { font: inherit; color: inherit; margin: 0; }
button { cursor: pointer; }
button:disabled { cursor: default; }
:focus-visible { outline: 2px solid var(--livechat-accent); outline-offset: 2px; }
h2, h3, p { margin: 0; }

.icon path { fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }
.icon-chat path { fill: currentColor; stroke: none; }

/* ---------------------------------------------------------------- launcher */

.launcher, .panel { pointer-events: auto; }
.launcher {
  position: fixed;
  right: 20px;
  bottom: 20px;
  width: 60px;
  height: 60px;
  border: 0;
  border-radius: 50%;
  padding: 0;
  display: grid;
  place-items: center;
  background: var(--livechat-accent);
  color: var(--livechat-accent-contrast);
  box-shadow: 0 6px 20px rgba(15, 23, 42, 0.22), 0 2px 6px rgba(15, 23, 42, 0.12);
  transition: transform 0.15s ease, background-color 0.15s ease;
}
.launcher:hover { background: var(--livechat-accent-hover); transform: scale(1.05); }
.launcher:focus-visible { outline: 3px solid var(--livechat-accent); outline-offset: 3px; }
.launcher .icon { grid-area: 1 / 1; transition: transform 0.2s ease, opacity 0.2s ease; }
.launcher .icon-close { opacity: 0; transform: rotate(-90deg); }
.launcher.is-open .icon-chat { opacity: 0; transform: rotate(90deg); }
.launcher.is-open .icon-close { opacity: 1; transform: none; }
.unread-badge {
  position: absolute;
  top: -2px;
  right: -2px;
  min-width: 20px;
  height: 20px;
  padding: 0 5px;
  border-radius: 10px;
  background: var(--livechat-danger);
  color: #fff;
  font-size: 11px;
  font-weight: 700;
  line-height: 20px;
  text-align: center;
  box-shadow: 0 0 0 2px var(--livechat-background);
}

/* ---------------------------------------------------------------- panel */

.panel {
  position: fixed;
  right: 20px;
  bottom: 92px;
  width: 380px;
  height: min(620px, calc(100vh - 120px));
  min-height: 360px;
  display: flex;
  flex-direction: column;
  overflow: hidden;
  background: var(--livechat-background);
  border-radius: var(--livechat-radius);
  box-shadow: 0 16px 48px rgba(15, 23, 42, 0.22), 0 2px 8px rgba(15, 23, 42, 0.08);
  animation: livechat-in 0.18s ease-out;
}
@keyframes livechat-in { from { opacity: 0; transform: translateY(12px) scale(0.98); } }

.header {
  flex: none;
  display: flex;
  align-items: center;
  gap: 12px;
  padding: 16px 12px 16px 18px;
  background: var(--livechat-accent);
  color: var(--livechat-accent-contrast);
}
.avatar {
  flex: none;
  width: 40px;
  height: 40px;
  border-radius: 50%;
  display: grid;
  place-items: center;
  background: rgba(255, 255, 255, 0.2);
  font-weight: 700;
  font-size: 17px;
}
.titles { flex: 1; min-width: 0; }
.channel-name { font-size: 16px; font-weight: 650; line-height: 1.3; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.status-line { display: flex; align-items: center; gap: 6px; font-size: 13px; opacity: 0.92; min-height: 19px; }
.status-dot { flex: none; width: 8px; height: 8px; border-radius: 50%; background: var(--livechat-away); box-shadow: 0 0 0 2px rgba(255, 255, 255, 0.35); }
.status-line[data-phase="idle"] .status-dot,
.status-line[data-phase="active"] .status-dot { background: var(--livechat-online); }
.status-line[data-phase="waiting"] .status-dot { background: var(--livechat-waiting); }
.status-text { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.close {
  flex: none;
  width: 36px;
  height: 36px;
  display: grid;
  place-items: center;
  border: 0;
  border-radius: 50%;
  background: transparent;
  color: inherit;
}
.close:hover { background: rgba(255, 255, 255, 0.16); }
.close:focus-visible { outline-color: var(--livechat-accent-contrast); outline-offset: -2px; }

.body {
  flex: 1;
  min-height: 0;
  overflow-y: auto;
  overscroll-behavior: contain;
  padding: 16px;
  display: flex;
  flex-direction: column;
  gap: 14px;
  background: var(--livechat-thread-background);
}

/* ---------------------------------------------------------------- notices */

.loading { margin: auto; display: flex; flex-direction: column; align-items: center; gap: 10px; color: var(--livechat-muted); font-size: 13px; }
.spinner { width: 24px; height: 24px; border-radius: 50%; border: 3px solid var(--livechat-border); border-top-color: var(--livechat-accent); animation: livechat-spin 0.8s linear infinite; }
@keyframes livechat-spin { to { transform: rotate(360deg); } }

.notice { padding: 10px 12px; border-radius: 10px; font-size: 13px; }
.notice-error { background: var(--livechat-danger-background); color: var(--livechat-danger); }
.notice-warning { background: var(--livechat-warning-background); color: #8a5a00; }
.connection-notice { position: sticky; top: 0; z-index: 1; box-shadow: 0 2px 6px rgba(15, 23, 42, 0.08); }
.notice-info { background: var(--livechat-accent-soft); color: var(--livechat-text); }

/* ---------------------------------------------------------------- welcome */

.welcome {
  display: flex;
  flex-direction: column;
  gap: 12px;
  padding: 18px;
  background: var(--livechat-background);
  border: 1px solid var(--livechat-border);
  border-radius: 14px;
}
.welcome-title { font-size: 18px; font-weight: 650; }
.welcome-text { color: var(--livechat-muted); }
.away-notice {
  display: flex;
  gap: 10px;
  padding: 12px;
  border-radius: 10px;
  background: var(--livechat-warning-background);
  color: #5c4300;
  font-size: 13px;
}
.away-notice strong { display: block; font-size: 14px; margin-bottom: 2px; color: #3d2c00; }
.away-icon { font-size: 18px; line-height: 1.2; }

.field { display: flex; flex-direction: column; gap: 5px; }
.field label { font-size: 12.5px; font-weight: 600; color: var(--livechat-muted); }
.field input, .field textarea {
  width: 100%;
  padding: 9px 11px;
  border: 1px solid var(--livechat-border);
  border-radius: 9px;
  background: var(--livechat-background);
  resize: vertical;
}
.field input:focus, .field textarea:focus { outline: none; border-color: var(--livechat-accent); box-shadow: 0 0 0 3px color-mix(in srgb, var(--livechat-accent) 20%, transparent); }

/* ---------------------------------------------------------------- thread */

.thread { display: flex; flex-direction: column; gap: 10px; }
.messages { display: flex; flex-direction: column; gap: 10px; }
.message { display: flex; flex-direction: column; align-items: flex-start; max-width: 85%; }
.message.mine { align-self: flex-end; align-items: flex-end; }
.message.continued { margin-top: -6px; }
.message.continued .message-meta { display: none; }
.message-meta { display: flex; align-items: baseline; gap: 6px; padding: 0 4px 3px; font-size: 12px; color: var(--livechat-muted); }
.message-author { font-weight: 600; color: var(--livechat-text); }
.message.mine .message-author { color: var(--livechat-muted); font-weight: 500; }
.message-time { font-variant-numeric: tabular-nums; }
.message-bubble {
  padding: 9px 13px;
  border-radius: 16px 16px 16px 5px;
  background: var(--livechat-bubble-operator);
  color: var(--livechat-bubble-operator-text);
  border: 1px solid var(--livechat-border);
  box-shadow: 0 1px 1px rgba(15, 23, 42, 0.04);
}
.message.mine .message-bubble {
  border-radius: 16px 16px 5px 16px;
  background: var(--livechat-bubble-mine);
  color: var(--livechat-bubble-mine-text);
  border-color: transparent;
}
.message-text { white-space: pre-wrap; overflow-wrap: anywhere; }
.message-text a { color: inherit; text-decoration: underline; }
.message.pending .message-bubble { opacity: 0.65; }
.message.failed .message-bubble { opacity: 1; background: var(--livechat-danger-background); color: var(--livechat-text); border: 1px solid var(--livechat-danger); }
.message-status { display: flex; align-items: center; gap: 8px; padding: 3px 4px 0; font-size: 12px; color: var(--livechat-muted); }
.message.failed .message-status { color: var(--livechat-danger); }
.retry {
  display: inline-flex;
  align-items: center;
  gap: 4px;
  padding: 2px 8px;
  border: 1px solid currentColor;
  border-radius: 999px;
  background: transparent;
  color: var(--livechat-danger);
  font-size: 12px;
  font-weight: 600;
}
.retry:hover { background: var(--livechat-danger-background); }

.message.system { align-self: center; align-items: center; max-width: 100%; }
.message.system .message-meta { display: none; }
.message.system .message-bubble { background: transparent; border: 0; box-shadow: none; padding: 2px 8px; color: var(--livechat-muted); font-size: 12.5px; text-align: center; }

.queue-notice { align-self: center; max-width: 300px; text-align: center; font-size: 12.5px; color: var(--livechat-muted); padding: 4px 8px; }

.typing-indicator { display: flex; align-items: center; gap: 8px; font-size: 12.5px; color: var(--livechat-muted); padding: 0 4px; }
.typing-dots { display: inline-flex; gap: 3px; padding: 8px 10px; background: var(--livechat-bubble-operator); border: 1px solid var(--livechat-border); border-radius: 14px; }
.typing-dots i { width: 6px; height: 6px; border-radius: 50%; background: var(--livechat-muted); animation: livechat-dot 1.2s infinite ease-in-out; }
.typing-dots i:nth-child(2) { animation-delay: 0.15s; }
.typing-dots i:nth-child(3) { animation-delay: 0.3s; }
@keyframes livechat-dot { 0%, 60%, 100% { opacity: 0.3; transform: none; } 30% { opacity: 1; transform: translateY(-3px); } }

/* ---------------------------------------------------------------- closed and rating */

.closed-state { display: flex; flex-direction: column; gap: 14px; }
.ended { display: flex; align-items: center; gap: 10px; font-size: 12.5px; font-weight: 600; color: var(--livechat-muted); text-transform: uppercase; letter-spacing: 0.04em; }
.ended-rule { flex: 1; height: 1px; background: var(--livechat-border); }
.ended-text { text-align: center; }
.rating {
  display: flex;
  flex-direction: column;
  gap: 12px;
  padding: 16px;
  background: var(--livechat-background);
  border: 1px solid var(--livechat-border);
  border-radius: 14px;
}
.rating-title { font-size: 15px; font-weight: 650; text-align: center; }
.rating-choices { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; }
.rate {
  display: flex;
  flex-direction: column;
  align-items: center;
  gap: 4px;
  padding: 10px 4px;
  border: 1.5px solid var(--livechat-border);
  border-radius: 12px;
  background: var(--livechat-background);
  font-size: 12.5px;
  color: var(--livechat-muted);
  transition: border-color 0.15s ease, background-color 0.15s ease, transform 0.15s ease;
}
.rate:hover { border-color: var(--livechat-accent); transform: translateY(-1px); }
.rate[aria-pressed="true"] { border-color: var(--livechat-accent); background: var(--livechat-accent-soft); color: var(--livechat-text); font-weight: 600; }
.rate-emoji { font-size: 26px; line-height: 1; }
.emoji, .rate-emoji, .away-icon { font-family: "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", var(--livechat-font); }
.rating-thanks { padding: 16px; text-align: center; font-weight: 600; background: var(--livechat-background); border: 1px solid var(--livechat-border); border-radius: 14px; }

.primary, .secondary {
  padding: 10px 14px;
  border-radius: 10px;
  font-weight: 600;
  border: 1px solid transparent;
  transition: background-color 0.15s ease, opacity 0.15s ease;
}
.primary { background: var(--livechat-accent); color: var(--livechat-accent-contrast); }
.primary:hover:not(:disabled) { background: var(--livechat-accent-hover); }
.primary:disabled { opacity: 0.45; }
.secondary { background: var(--livechat-background); border-color: var(--livechat-border); color: var(--livechat-accent); }
.secondary:hover { border-color: var(--livechat-accent); }

/* ---------------------------------------------------------------- composer */

.composer-bar { flex: none; display: block; padding: 10px 12px; border-top: 1px solid var(--livechat-border); background: var(--livechat-background); }
.composer-form { display: flex; align-items: flex-end; gap: 8px; }
.composer {
  flex: 1;
  min-height: 42px;
  max-height: 120px;
  padding: 10px 14px;
  border: 1px solid var(--livechat-border);
  border-radius: 21px;
  background: var(--livechat-thread-background);
  resize: none;
  overflow-y: hidden;
  line-height: 20px;
}
.composer:focus { outline: none; border-color: var(--livechat-accent); background: var(--livechat-background); box-shadow: 0 0 0 3px color-mix(in srgb, var(--livechat-accent) 18%, transparent); }
.composer::placeholder, .field input::placeholder, .field textarea::placeholder { color: #9aa1ad; }
.send {
  flex: none;
  width: 42px;
  height: 42px;
  display: grid;
  place-items: center;
  border: 0;
  border-radius: 50%;
  background: var(--livechat-accent);
  color: var(--livechat-accent-contrast);
  transition: background-color 0.15s ease, opacity 0.15s ease;
}
.send:hover:not([aria-disabled="true"]) { background: var(--livechat-accent-hover); }
.send[aria-disabled="true"] { opacity: 0.4; cursor: default; }

.footer { flex: none; padding: 0 0 8px; text-align: center; font-size: 11px; color: var(--livechat-muted); background: var(--livechat-background); }

/* ---------------------------------------------------------------- phones */

@media (max-width: 480px) {
  .panel {
    inset: 0;
    width: 100%;
    height: 100%;
    min-height: 0;
    border-radius: 0;
  }
  @supports (height: 100dvh) { .panel { height: 100dvh; } }
  .launcher { right: 16px; bottom: 16px; }
  .launcher.is-open { display: none; }
  .composer, .field input, .field textarea { font-size: 16px; }
}

@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important; }
}
`;
