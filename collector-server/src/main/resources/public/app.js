// Akashi console: the little JavaScript it needs. Everything works without it (forms are plain
// HTML, every chart has its figures in text next to it); it only adds confirmation of
// destructive actions, copy buttons, the trend charts and hiding form sections that do not apply. Loaded from this origin (the
// Content-Security-Policy forbids inline script), after Chart.js on pages that have charts.
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

  // <fieldset data-show-for="name:v1,v2">: shown only while a field named "name" has one of the values chosen (a
  // checkbox ticked, a select set). A hidden fieldset is also disabled, so what it holds is not sent: the options of
  // probes not chosen, the secret fields of another kind of credential. Without JavaScript every fieldset is shown.
  function syncShowFor() {
    document.querySelectorAll('[data-show-for]').forEach(function (el) {
      var spec = el.getAttribute('data-show-for');
      var colon = spec.indexOf(':');
      var name = spec.substring(0, colon);
      var values = spec.substring(colon + 1).split(',');
      var scope = el.closest('form') || document;
      var chosen = Array.prototype.some.call(scope.querySelectorAll('[name="' + name + '"]'), function (input) {
        var picked = input.type === 'checkbox' || input.type === 'radio' ? input.checked : true;
        return picked && values.indexOf(input.value) >= 0;
      });
      el.hidden = !chosen;
      if (el.tagName === 'FIELDSET') {
        el.disabled = !chosen;
      }
    });
  }
  document.addEventListener('change', function (e) {
    if (e.target && e.target.name) {
      syncShowFor();
    }
  });

  // <canvas data-chart='{"labels": [...], "unit": "%", "yMax": 100, "series": [{"label", "values", "dashed"}]}'>:
  // a line chart. A dashed series (a threshold) takes the colour of the series before it.
  var palette = ['#8c1d40', '#1f6feb', '#2e7d32', '#b26a00'];
  function drawCharts() {
    if (!window.Chart) {
      return;
    }
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      var spec;
      try {
        spec = JSON.parse(canvas.getAttribute('data-chart'));
      } catch (err) {
        return;
      }
      var colors = [];
      var solid = 0;
      var datasets = spec.series.map(function (s, i) {
        var color = s.dashed && i > 0 ? colors[i - 1] : palette[solid++ % palette.length];
        colors.push(color);
        return {
          label: s.label, data: s.values, borderColor: color, backgroundColor: color, borderWidth: 2,
          borderDash: s.dashed ? [6, 4] : [], pointRadius: 0, pointHitRadius: 6, spanGaps: true
        };
      });
      var y = { beginAtZero: true, ticks: { callback: function (v) { return v + spec.unit; } } };
      if (spec.yMax) {
        y.max = spec.yMax;
      }
      new window.Chart(canvas, {
        type: 'line',
        data: { labels: spec.labels, datasets: datasets },
        options: {
          animation: false, responsive: true, maintainAspectRatio: false,
          interaction: { mode: 'index', intersect: false },
          scales: {
            y: y,
            // days are yyyy-mm-dd; the axis shows mm-dd (the year is in the tooltip)
            x: { ticks: { maxTicksLimit: 7, autoSkip: true, maxRotation: 0,
              callback: function (v) { return String(this.getLabelForValue(v)).substring(5); } } }
          },
          plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } }
        }
      });
    });
  }
  // a link to #check-… or #fact-… (change feed, used facts) opens the collapsed section around its row
  function openTarget() {
    var id = decodeURIComponent(location.hash.substring(1));
    var el = id && document.getElementById(id);
    if (!el) { return; }
    for (var p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === 'DETAILS') { p.open = true; }
    }
    el.scrollIntoView();
  }
  function ready() {
    syncShowFor();
    drawCharts();
    openTarget();
    window.addEventListener('hashchange', openTarget);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', ready);
  } else {
    ready();
  }
})();
