// The only module that speaks HTTP to the server. The socket lives in socket.js.

const TOKEN_KEY = 'livechat.operatorToken';
const OPERATOR_KEY = 'livechat.operatorId';
const ADMIN_KEY = 'livechat.adminToken';
const PAGE_SIZE = 500;

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** Fires `unauthorized` when the server refuses the operator's token (401). */
export const authEvents = new EventTarget();

export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  get operatorId() { return sessionStorage.getItem(OPERATOR_KEY); },
  save({ token, operatorId }) {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(OPERATOR_KEY, operatorId);
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(OPERATOR_KEY);
  },
};

export const adminSession = {
  get token() { return sessionStorage.getItem(ADMIN_KEY); },
  save(token) { sessionStorage.setItem(ADMIN_KEY, token); },
  clear() { sessionStorage.removeItem(ADMIN_KEY); },
};

async function request(method, path, { body, token, onUnauthorized } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'unreachable', 'The server cannot be reached. Check the connection and try again.');
  }
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.ok) return data;
  const error = data?.error ?? {};
  if (response.status === 401 && onUnauthorized) onUnauthorized();
  throw new ApiError(
    response.status,
    error.code ?? `http_${response.status}`,
    error.message ?? `The server answered ${response.status}; try again.`,
  );
}

function operator(method, path, body) {
  return request(method, path, {
    body,
    token: session.token,
    onUnauthorized: () => authEvents.dispatchEvent(new Event('unauthorized')),
  });
}

function admin(method, path, body) {
  return request(method, path, { body, token: adminSession.token });
}

const enc = encodeURIComponent;

// ---- no token

export const getLanguages = () => request('GET', '/api/languages');
export const getConsoleSettings = () => request('GET', '/console/settings.json');
export const login = (loginName, password) =>
  request('POST', '/api/auth/login', { body: { login: loginName, password } });

// ---- operator

export const logout = () => operator('POST', '/api/auth/logout');
export const getMe = () => operator('GET', '/api/me');
export const updateMe = (changes) => operator('PATCH', '/api/me', changes);
export const heartbeat = () => operator('POST', '/api/me/heartbeat');

export const getChannels = () => operator('GET', '/api/channels');
export const joinChannel = (id) => operator('POST', `/api/channels/${enc(id)}/join`);
export const leaveChannel = (id) => operator('POST', `/api/channels/${enc(id)}/leave`);
export const getChannelOperators = (id) => operator('GET', `/api/channels/${enc(id)}/operators`);

export const getInbox = () => operator('GET', '/api/conversations');
export const getConversation = (id) => operator('GET', `/api/conversations/${enc(id)}`);
export const postMessage = (id, text, clientMessageId) =>
  operator('POST', `/api/conversations/${enc(id)}/messages`, { text, clientMessageId });
export const postSeen = (id, seq) => operator('POST', `/api/conversations/${enc(id)}/seen`, { seq });
export const closeConversation = (id) => operator('POST', `/api/conversations/${enc(id)}/close`);
export const transferConversation = (id, operatorId) =>
  operator('POST', `/api/conversations/${enc(id)}/transfer`, { operatorId });
/** → {reply}: the answer to a command such as /help, for the operator only. */
export const runCommand = (id, text) =>
  operator('POST', `/api/conversations/${enc(id)}/command`, { text });
export const getCannedResponses = () => operator('GET', '/api/canned-responses');

/** Every message after `after`, page by page. */
export async function getMessages(id, after = 0) {
  const all = [];
  for (;;) {
    const { messages } = await operator(
      'GET', `/api/conversations/${enc(id)}/messages?after=${after}&limit=${PAGE_SIZE}`);
    all.push(...messages);
    if (messages.length < PAGE_SIZE) return all;
    after = messages[messages.length - 1].seq;
  }
}

// ---- admin

export const adminGetChannels = () => admin('GET', '/api/channels');
export const adminPutLanguages = (enabled) => admin('PUT', '/api/admin/languages', { enabled });
export const adminCreateOperator = (profile) => admin('POST', '/api/admin/operators', profile);
export const adminCreateChannel = (name) => admin('POST', '/api/admin/channels', { name });
export const adminGetCannedResponses = () => admin('GET', '/api/canned-responses');
export const adminCreateCannedResponse = (shortcut, text) =>
  admin('POST', '/api/admin/canned-responses', { shortcut, text });
export const adminUpdateCannedResponse = (id, shortcut, text) =>
  admin('PUT', `/api/admin/canned-responses/${enc(id)}`, { shortcut, text });
export const adminDeleteCannedResponse = (id) =>
  admin('DELETE', `/api/admin/canned-responses/${enc(id)}`);
export const adminGetWebhooks = () => admin('GET', '/api/admin/webhooks');
export const adminCreateWebhook = (url, events, secret) =>
  admin('POST', '/api/admin/webhooks', { url, events, secret });
export const adminDeleteWebhook = (id) => admin('DELETE', `/api/admin/webhooks/${enc(id)}`);

// ---- admin: lists and reports (from the read side)

const query = (params) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};

export const adminListOperators = (after, limit) =>
  admin('GET', `/api/admin/operators${query({ after, limit })}`);
export const adminListConversations = (filters, after, limit) =>
  admin('GET', `/api/admin/conversations${query({ ...filters, after, limit })}`);
export const adminGetTranscript = (id) =>
  admin('GET', `/api/admin/conversations/${enc(id)}/transcript`);
export const adminChannelReport = (id, from, to) =>
  admin('GET', `/api/admin/reports/channels/${enc(id)}${query({ from, to })}`);
export const adminOperatorsReport = (from, to) =>
  admin('GET', `/api/admin/reports/operators${query({ from, to })}`);
