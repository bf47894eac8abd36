// hireloop's page behaviour: no inline scripts or handlers, so the Content-Security-Policy can
// allow only files served by the app.
(function () {
  'use strict';

  // Drills: space reveals the card, 1-4 rate it.
  document.addEventListener('keydown', function (event) {
    if (event.target.matches('input, textarea, select')) return;
    var card = document.querySelector('#drill .drill-card');
    if (!card) return;
    if (event.key === ' ') {
      event.preventDefault();
      card.classList.add('revealed');
    } else if (['1', '2', '3', '4'].includes(event.key) && card.classList.contains('revealed')) {
      var button = card.querySelector('button[value="' + event.key + '"]');
      if (button) button.click();
    }
  });

  document.addEventListener('click', function (event) {
    if (event.target.matches('#reveal')) {
      document.querySelector('#drill .drill-card').classList.add('revealed');
    }
    // Bullets: copy the rewrite shown just before the button.
    var copy = event.target.closest('[data-copy-previous]');
    if (copy) {
      navigator.clipboard.writeText(copy.previousElementSibling.textContent);
      copy.textContent = 'Copied';
    }
  });

  // A select that applies its form as soon as it changes (drill topic filter).
  document.addEventListener('change', function (event) {
    if (event.target.matches('select[data-autosubmit]')) event.target.form.submit();
  });

  // A countdown for timed rounds; the deadline comes from the server.
  function tick() {
    document.querySelectorAll('[data-deadline]').forEach(function (el) {
      var left = Math.round((new Date(el.dataset.deadline) - new Date()) / 1000);
      if (left <= 0) { el.textContent = 'Time is up'; el.classList.add('late'); return; }
      var m = Math.floor(left / 60), s = left % 60;
      el.textContent = m + ':' + (s < 10 ? '0' : '') + s + ' left';
    });
  }
  setInterval(tick, 1000);
  document.addEventListener('htmx:afterSwap', tick);
  document.addEventListener('DOMContentLoaded', tick);
})();
