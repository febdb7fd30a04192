// Entry point of the admin page (/console/admin).

import './admin-languages.js';
import './admin-operator-form.js';
import './admin-channel-form.js';
import './admin-channel-table.js';
import './admin-canned-responses.js';
import './admin-app.js';
