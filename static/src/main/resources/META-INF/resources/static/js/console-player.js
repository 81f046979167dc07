// Plays a console recording back in the browser: the recording's bytes are fetched once, and
// guacamole-common-js's SessionRecording draws them, with play/pause, a seek bar and the
// position against the duration.
(function () {
  'use strict';

  var section = document.getElementById('console-player');
  if (!section || typeof Guacamole === 'undefined') {
    return;
  }
  var toggle = document.getElementById('player-toggle');
  var seek = document.getElementById('player-seek');
  var time = document.getElementById('player-time');
  var status = document.getElementById('player-status');
  var display = document.getElementById('player-display');
  var seeking = false;

  function clock(ms) {
    var seconds = Math.floor(ms / 1000);
    var minutes = Math.floor(seconds / 60);
    var hours = Math.floor(minutes / 60);
    var ss = String(seconds % 60).padStart(2, '0');
    if (hours > 0) {
      return hours + ':' + String(minutes % 60).padStart(2, '0') + ':' + ss;
    }
    return minutes + ':' + ss;
  }

  function show(recording) {
    var duration = recording.getDuration();
    seek.max = String(duration);
    if (!seeking) {
      seek.value = String(recording.getPosition());
    }
    time.textContent = clock(recording.getPosition()) + ' / ' + clock(duration);
  }

  // SessionRecording tells of play and pause just before its state changes: the label follows the event.
  function label(playing) {
    toggle.textContent = playing ? toggle.dataset.pauseText : toggle.dataset.playText;
  }

  function fail() {
    status.textContent = section.dataset.errorText;
    toggle.disabled = true;
    seek.disabled = true;
  }

  fetch(section.dataset.recordingUrl, {credentials: 'same-origin'})
    .then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.blob();
    })
    .then(function (blob) {
      var recording = new Guacamole.SessionRecording(blob, 250);
      var element = recording.getDisplay().getElement();
      display.appendChild(element);
      recording.onprogress = function () {
        show(recording);
      };
      recording.onload = function () {
        status.textContent = '';
        toggle.disabled = false;
        seek.disabled = false;
        show(recording);
        // The first frame, so that the auditor sees the screen before pressing play.
        recording.seek(0);
      };
      recording.onerror = fail;
      recording.onplay = function () {
        label(true);
      };
      recording.onpause = function () {
        label(false);
        show(recording);
      };
      recording.onseek = function () {
        show(recording);
      };
      toggle.addEventListener('click', function () {
        if (recording.isPlaying()) {
          recording.pause();
        } else if (recording.getPosition() >= recording.getDuration()) {
          recording.seek(0, recording.play);
        } else {
          recording.play();
        }
      });
      seek.addEventListener('input', function () {
        seeking = true;
        time.textContent = clock(Number(seek.value)) + ' / ' + clock(recording.getDuration());
      });
      // Seeking keeps playing when it was playing.
      seek.addEventListener('change', function () {
        recording.seek(Number(seek.value), function () {
          seeking = false;
          show(recording);
        });
      });
    })
    .catch(fail);
}());
