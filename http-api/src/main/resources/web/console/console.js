// Entry point of the operator console: defines the elements, then the app starts itself.

import './sign-in-page.js';
import './top-bar.js';
import './live-inbox.js';
import './channel-card.js';
import './channels-page.js';
import './preferences-page.js';
import './composer-suggestions.js';
import './chat-composer.js';
import './transfer-picker.js';
import './chat-thread.js';
import './chat-window.js';
import './conversation-view.js';
import './console-app.js';
