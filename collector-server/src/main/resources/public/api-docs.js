// The API document in Swagger UI (page /api-docs, admins). A file of its own, not an inline
// script: the console's Content-Security-Policy allows scripts from this origin only.
(function () {
  'use strict';
  function start() {
    var el = document.getElementById('swagger-ui');
    if (!el || typeof window.SwaggerUIBundle !== 'function') {
      return;
    }
    window.ui = window.SwaggerUIBundle({
      url: el.getAttribute('data-spec-url'),
      domNode: el,
      presets: [window.SwaggerUIBundle.presets.apis],
      layout: 'BaseLayout',
      deepLinking: true,
      // the session cookie and this page's CSRF token go with "Try it out", as with the console's forms
      requestInterceptor: function (req) {
        var token = document.querySelector('input[name="_csrf"]');
        if (token && req.method && req.method.toUpperCase() !== 'GET') {
          req.headers['X-CSRF-Token'] = token.value;
        }
        return req;
      }
    });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
