// Spoken answers: the Record button beside an answer box (no inline script, so it runs under a strict CSP).
// Recording uses MediaRecorder; the microphone is asked for only when Record is pressed. The recording is
// uploaded, transcribed on the server, and the transcript lands in the answer box for the user to correct.
(function () {
  'use strict';
  var states = new WeakMap();
  var HINT = "Answering out loud needs the voice extra: pip install 'hireloop[voice]'";

  function part(box, name) { return box.querySelector('[data-' + name + ']'); }
  function action(box, name) { return box.querySelector('[data-action="' + name + '"]'); }
  function clock(seconds) {
    var s = Math.max(0, Math.round(seconds));
    return Math.floor(s / 60) + ':' + (s % 60 < 10 ? '0' : '') + (s % 60);
  }
  function say(box, text, isError) {
    var el = part(box, 'status');
    el.textContent = text;
    el.classList.toggle('error', !!isError);
  }
  function state(box) {
    if (!states.has(box)) { states.set(box, {}); }
    return states.get(box);
  }
  function mimeType() {
    var kinds = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/ogg', 'audio/mp4'];
    if (!window.MediaRecorder || !MediaRecorder.isTypeSupported) { return ''; }
    for (var i = 0; i < kinds.length; i++) { if (MediaRecorder.isTypeSupported(kinds[i])) { return kinds[i]; } }
    return '';
  }
  function extension(type) {
    if (type.indexOf('ogg') >= 0) { return 'ogg'; }
    if (type.indexOf('mp4') >= 0) { return 'm4a'; }
    return 'webm';
  }

  function stopTracks(st) {
    if (st.stream) { st.stream.getTracks().forEach(function (t) { t.stop(); }); st.stream = null; }
    if (st.audioContext) { st.audioContext.close(); st.audioContext = null; }
    if (st.timer) { clearInterval(st.timer); st.timer = null; }
  }

  function startRecording(box) {
    var st = state(box);
    if (box.dataset.available !== '1') { say(box, HINT, true); return; }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.MediaRecorder) {
      say(box, 'This browser cannot record audio here; upload a recording or type the answer.', true);
      return;
    }
    say(box, 'Asking for the microphone…');
    navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
      var type = mimeType();
      var recorder = type ? new MediaRecorder(stream, { mimeType: type }) : new MediaRecorder(stream);
      var chunks = [];
      st.stream = stream;
      st.recorder = recorder;
      recorder.ondataavailable = function (e) { if (e.data && e.data.size) { chunks.push(e.data); } };
      recorder.onstop = function () {
        stopTracks(st);
        var blobType = recorder.mimeType || type || 'audio/webm';
        var blob = new Blob(chunks, { type: blobType });
        upload(box, blob, 'recording.' + extension(blobType));
      };
      meter(box, st, stream);
      var started = Date.now();
      var min = Number(box.dataset.min), max = Number(box.dataset.max);
      var clockEl = part(box, 'clock');
      clockEl.hidden = false;
      function tick() {
        var seconds = (Date.now() - started) / 1000;
        clockEl.textContent = clock(seconds) + ' of ' + clock(min) + '-' + clock(max);
        clockEl.classList.toggle('late', seconds > max);
      }
      tick();
      st.timer = setInterval(tick, 250);
      recorder.start(1000);
      action(box, 'record').hidden = true;
      action(box, 'stop').hidden = false;
      action(box, 'retry').hidden = true;
      say(box, 'Recording… press Stop when you are done.');
    }).catch(function (err) {
      say(box, 'No microphone (' + (err && err.name ? err.name : 'refused') +
        '): allow it in the browser, upload a recording, or type the answer.', true);
    });
  }

  function meter(box, st, stream) {
    var Context = window.AudioContext || window.webkitAudioContext;
    var level = part(box, 'level');
    if (!Context || !level) { return; }
    try {
      st.audioContext = new Context();
      var analyser = st.audioContext.createAnalyser();
      analyser.fftSize = 512;
      st.audioContext.createMediaStreamSource(stream).connect(analyser);
      var data = new Uint8Array(analyser.fftSize);
      level.hidden = false;
      (function draw() {
        if (!st.audioContext) { level.hidden = true; return; }
        analyser.getByteTimeDomainData(data);
        var peak = 0;
        for (var i = 0; i < data.length; i++) { peak = Math.max(peak, Math.abs(data[i] - 128) / 128); }
        level.value = peak;
        requestAnimationFrame(draw);
      })();
    } catch (e) { level.hidden = true; }
  }

  function stopRecording(box) {
    var st = state(box);
    if (st.recorder && st.recorder.state !== 'inactive') { st.recorder.stop(); }
    action(box, 'stop').hidden = true;
    var record = action(box, 'record');
    record.hidden = false;
    record.textContent = 'Re-record';
    var level = part(box, 'level');
    if (level) { level.hidden = true; }
  }

  function showPlayback(box, url) {
    var audio = part(box, 'playback');
    if (audio.getAttribute('src') !== url) { audio.src = url; }
    audio.hidden = false;
  }

  function upload(box, blob, name) {
    var form = new FormData();
    form.append('file', blob, name);
    var progress = part(box, 'progress');
    progress.hidden = false;
    progress.removeAttribute('value');
    say(box, 'Uploading…');
    fetch('/api/voice/uploads', { method: 'POST', body: form, credentials: 'same-origin' })
      .then(readJson)
      .then(function (job) { follow(box, job); })
      .catch(function (err) { failed(box, err.message, false); });
  }

  function readJson(response) {
    return response.json().catch(function () { return {}; }).then(function (body) {
      if (!response.ok) { throw new Error(body.detail || ('The server answered ' + response.status)); }
      return body;
    });
  }

  function follow(box, job) {
    var st = state(box);
    st.token = job.token;
    // Replay from the server (kept there even if transcription fails); no blob: URL, so a strict
    // Content-Security-Policy (media-src 'self') allows it.
    if (job.audio_url) { showPlayback(box, job.audio_url); }
    var progress = part(box, 'progress');
    if (job.status === 'done') { done(box, job); return; }
    if (job.status === 'failed') { failed(box, job.error, true); return; }
    progress.hidden = false;
    if (job.progress > 0) { progress.value = job.progress; }
    say(box, job.status === 'queued' ? 'Waiting for the transcriber…' :
      'Transcribing… ' + Math.round(job.progress * 100) + '%');
    setTimeout(function () {
      fetch('/api/voice/uploads/' + job.token, { credentials: 'same-origin' })
        .then(readJson)
        .then(function (next) { follow(box, next); })
        .catch(function (err) { failed(box, err.message, true); });
    }, 500);
  }

  function done(box, job) {
    var progress = part(box, 'progress');
    progress.hidden = true;
    var target = document.getElementById(box.dataset.target);
    if (target) {
      target.value = target.value.trim() ? target.value.replace(/\s+$/, '') + '\n\n' + job.text : job.text;
      // Autosaved drafts listen for input; the transcript is a draft like any typed text.
      target.dispatchEvent(new Event('input', { bubbles: true }));
      target.dispatchEvent(new Event('change', { bubbles: true }));
    }
    part(box, 'token').value = job.token;
    action(box, 'retry').hidden = true;
    say(box, 'Transcribed ' + clock(job.seconds) + ' of speech. Correct anything it misheard, then submit.');
  }

  function failed(box, message, kept) {
    part(box, 'progress').hidden = true;
    action(box, 'retry').hidden = !kept;
    say(box, message || 'Transcription failed; type the answer instead.', true);
  }

  function retry(box) {
    var st = state(box);
    if (!st.token) { return; }
    action(box, 'retry').hidden = true;
    fetch('/api/voice/uploads/' + st.token + '/retry', { method: 'POST', credentials: 'same-origin' })
      .then(readJson)
      .then(function (job) { follow(box, job); })
      .catch(function (err) { failed(box, err.message, true); });
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-recorder] button[data-action]');
    if (!button) { return; }
    var box = button.closest('[data-recorder]');
    var name = button.dataset.action;
    if (name === 'record') { startRecording(box); }
    else if (name === 'stop') { stopRecording(box); }
    else if (name === 'retry') { retry(box); }
  });

  document.addEventListener('change', function (event) {
    var input = event.target;
    if (!input.matches || !input.matches('[data-recorder] input[data-action="upload"]')) { return; }
    var box = input.closest('[data-recorder]');
    var file = input.files && input.files[0];
    if (!file) { return; }
    upload(box, file, file.name);
    input.value = '';
  });
})();
