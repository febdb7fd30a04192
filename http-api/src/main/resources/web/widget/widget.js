/*
 * livechat visitor widget: the one tag a website adds.
 *   <script src="https://chat.example.com/widget.js" data-channel="CHANNEL_ID" async></script>
 * A classic script: it finds its own tag, then loads the widget's modules from the same server.
 * Its only global is window.LivechatWidget = { open(), close() }.
 */
(function () {
  'use strict';
  if (window.LivechatWidget) return; // included twice

  var script =
    document.currentScript || document.querySelector('script[src*="widget.js"][data-channel]');
  var channelId = script && script.getAttribute('data-channel');
  if (!channelId) {
    console.warn('livechat: the widget script needs a data-channel attribute.');
    return;
  }
  var src = script.src;
  var wanted = null; // open/close asked before the modules were loaded
  var widget = null;

  window.LivechatWidget = Object.freeze({
    open: function () {
      if (widget) widget.open();
      else wanted = 'open';
    },
    close: function () {
      if (widget) widget.close();
      else wanted = 'close';
    },
  });

  function start() {
    import(new URL('widget/livechat-widget.js', src).href)
      .then(function (module) {
        widget = module.mount({ channelId: channelId, origin: new URL(src).origin });
        if (wanted) widget[wanted]();
      })
      .catch(function (error) {
        console.warn('livechat: the widget could not be loaded.', error);
      });
  }

  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
})();
