// hireloop's page behaviour: no inline scripts anywhere (a strict Content-Security-Policy applies).
(function () {
  'use strict';

  // The navigation collapses into a menu under 640 px.
  function initMenu() {
    var toggle = document.getElementById('menu-toggle');
    var nav = document.getElementById('site-nav');
    if (!toggle || !nav) return;
    document.documentElement.classList.add('js');
    toggle.addEventListener('click', function () {
      var open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
      nav.classList.toggle('open', open);
    });
  }

  // Question pickers: a round filter plus a search over the titles.
  function initPickers(root) {
    (root || document).querySelectorAll('[data-picker]').forEach(function (picker) {
      var round = picker.querySelector('[data-picker-round]');
      var search = picker.querySelector('[data-picker-search]');
      var count = picker.querySelector('[data-picker-count]');
      var items = picker.querySelectorAll('.pick[data-round]');
      function apply() {
        var r = round ? round.value : '';
        var words = (search ? search.value : '').toLowerCase().split(/\s+/).filter(Boolean);
        var shown = 0;
        items.forEach(function (item) {
          var text = item.dataset.text || '';
          var ok = (!r || item.dataset.round === r) && words.every(function (w) { return text.indexOf(w) >= 0; });
          item.hidden = !ok;
          if (ok) shown += 1;
          if (!ok) { var input = item.querySelector('input'); if (input && input.checked) { input.checked = false; picker.querySelector('.pick.first input').checked = true; } }
        });
        if (count) count.textContent = shown + (shown === 1 ? ' question' : ' questions');
      }
      if (round) round.addEventListener('change', apply);
      if (search) search.addEventListener('input', apply);
      apply();
    });
  }

  // Busy indicators: a submit button with data-busy is disabled and relabelled while the form works.
  function markBusy(form) {
    var button = form.querySelector('button[data-busy]');
    if (!button || button.disabled) return;
    button.dataset.label = button.textContent;
    button.textContent = button.dataset.busy;
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
  }
  function clearBusy(form) {
    var button = form.querySelector('button[data-busy]');
    if (button && button.dataset.label) { button.textContent = button.dataset.label; button.disabled = false; }
    form.removeAttribute('aria-busy');
  }
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.hasAttribute('hx-post')) return; // htmx forms: see htmx:beforeRequest
    if (!event.defaultPrevented) markBusy(form);
  });
  document.addEventListener('htmx:beforeRequest', function (event) {
    var elt = event.detail.elt;
    if (elt && elt.tagName === 'FORM') markBusy(elt);
  });
  document.addEventListener('htmx:afterRequest', function (event) {
    var elt = event.detail.elt;
    if (elt && elt.tagName === 'FORM' && document.body.contains(elt)) clearBusy(elt);
  });
  window.addEventListener('pageshow', function () {
    document.querySelectorAll('form[aria-busy]').forEach(clearBusy);
  });

  // Mock rounds: countdown, and focus on the new reply box after a probe arrives.
  function tick() {
    document.querySelectorAll('[data-deadline]').forEach(function (el) {
      var left = Math.round((new Date(el.dataset.deadline) - new Date()) / 1000);
      if (left <= 0) { el.textContent = 'Time is up'; el.classList.add('late'); return; }
      var m = Math.floor(left / 60), s = left % 60;
      el.textContent = m + ':' + (s < 10 ? '0' : '') + s + ' left';
    });
  }
  document.addEventListener('htmx:afterSwap', function (event) {
    tick();
    if (event.target && event.target.id === 'session-body') {
      // Announce the new probe (or round) to screen readers, then put the caret in the reply box.
      var say = event.target.querySelector('[data-announce]');
      var live = document.getElementById('announce');
      if (live && say) live.textContent = say.textContent.trim();
      var box = document.getElementById('answer');
      if (box) box.focus();
    }
    initPickers(event.target);
  });

  // Drills: keys on devices with a keyboard; touch screens get no keyboard hints (see app.css).
  document.addEventListener('keydown', function (event) {
    if (event.target.matches && event.target.matches('input, textarea, select')) return;
    var card = document.querySelector('#drill .drill-card');
    if (!card) return;
    if (event.key === ' ') {
      event.preventDefault();
      card.classList.add('revealed');
    } else if (['1', '2', '3', '4'].indexOf(event.key) >= 0 && card.classList.contains('revealed')) {
      var button = card.querySelector('button[value="' + event.key + '"]');
      if (button) button.click();
    }
  });
  document.addEventListener('click', function (event) {
    var target = event.target;
    if (target.closest('#reveal')) {
      var card = document.querySelector('#drill .drill-card');
      if (card) card.classList.add('revealed');
    }
    var copy = target.closest('[data-copy-previous]');
    if (copy) {
      navigator.clipboard.writeText(copy.previousElementSibling.textContent);
      copy.textContent = 'Copied';
      return;
    }
    if (target.matches('button.copy')) {
      var text = target.previousElementSibling ? target.previousElementSibling.textContent : '';
      if (navigator.clipboard) navigator.clipboard.writeText(text).then(function () { target.textContent = 'Copied'; });
    }
  });
  document.addEventListener('change', function (event) {
    if (event.target.matches('select[data-autosubmit]')) event.target.form.submit();
  });

  document.addEventListener('DOMContentLoaded', function () {
    initMenu();
    initPickers(document);
    tick();
    setInterval(tick, 1000);
  });
})();
