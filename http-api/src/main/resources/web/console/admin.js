// Entry point of the admin page (/console/admin).

import './admin-languages.js';
import './admin-operator-form.js';
import './admin-channel-form.js';
import './admin-channel-table.js';
import './admin-canned-responses.js';
import './admin-webhooks.js';
import './admin-conversation-list.js';
import './admin-transcript.js';
import './admin-reports.js';
import './admin-app.js';
