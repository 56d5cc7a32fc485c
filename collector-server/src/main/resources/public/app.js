// Akashi console: the little JavaScript it needs. Everything works without it (forms are plain
// HTML); it only adds confirmation of destructive actions and copy buttons. Loaded from this
// origin (the Content-Security-Policy forbids inline script).
(function () {
  'use strict';

  // <form data-confirm="…">: ask before submitting (revoke, disable).
  document.addEventListener('submit', function (e) {
    var form = e.target;
    var question = form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      e.preventDefault();
    }
  });

  // <button data-copy-target="id" data-copied="…">: copy the target element's text.
  document.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('[data-copy-target]');
    if (!button) {
      return;
    }
    var target = document.getElementById(button.getAttribute('data-copy-target'));
    if (!target) {
      return;
    }
    var text = target.textContent;
    var done = function () {
      var label = button.textContent;
      button.textContent = button.getAttribute('data-copied') || label;
      window.setTimeout(function () { button.textContent = label; }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done);
    } else {
      var range = document.createRange();
      range.selectNodeContents(target);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      if (document.execCommand && document.execCommand('copy')) {
        done();
      }
    }
  });
})();
