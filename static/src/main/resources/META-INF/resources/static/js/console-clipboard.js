// The console's clipboard panel (issue 7): the VM's clipboard shown as it arrives, text sent to it,
// and "type it": a text sent as keystrokes, for guests without clipboard sharing.
//
// guacamole-common-js 1.6.0's StringReader and StringWriter treat UTF-16 units as code points (an
// emoji arrives and leaves broken), so the bytes are decoded and encoded as UTF-8 here.
window.PortalConsoleClipboard = function (ui) {
  "use strict";

  var KEY_RETURN = 0xff0d;
  var KEY_TAB = 0xff09;
  /** The longest text typed key by key, and the pause between two keys. */
  var TYPE_MAX = 2000;
  var TYPE_DELAY_MS = 15;

  var clipboardToggle = document.getElementById("console-clipboard-toggle");
  var clipboardPanel = document.getElementById("console-clipboard");
  var clipboardText = document.getElementById("console-clipboard-text");
  var clipboardStatus = document.getElementById("console-clipboard-status");
  var sendButton = document.getElementById("console-clipboard-send");
  var typeButton = document.getElementById("console-clipboard-type");
  /** What this panel last sent, until the VM's echo of it came back. */
  var lastSent = null;

  clipboardToggle.addEventListener("click", function () {
    clipboardPanel.hidden = !clipboardPanel.hidden;
    clipboardToggle.setAttribute("aria-expanded", String(!clipboardPanel.hidden));
    if (!clipboardPanel.hidden) {
      clipboardText.focus();
    }
  });

  function clipboardSays(message, origin) {
    clipboardStatus.textContent = message;
    clipboardStatus.dataset.origin = origin || "";
  }

  function receiveClipboard(stream, mimetype) {
    if (!/^text\//.test(mimetype)) {
      return;
    }
    var reader = new Guacamole.ArrayBufferReader(stream);
    var decoder = new TextDecoder("utf-8");
    var received = "";
    reader.ondata = function (buffer) {
      received += decoder.decode(buffer, {stream: true});
    };
    reader.onend = function () {
      received += decoder.decode();
      clipboardText.value = received;
      // The VM hands its clipboard to every connection, this one included: the echo of what this
      // panel just sent is no news, but the confirmation that the VM holds it.
      if (lastSent !== null && received === lastSent) {
        lastSent = null;
        clipboardSays(ui.text("clipboard.confirmed"), "local");
        return;
      }
      lastSent = null;
      clipboardSays(ui.text("clipboard.received"), "remote");
    };
  }

  function sendClipboard(value) {
    if (!ui.interactive()) {
      clipboardSays(ui.text("clipboard.notConnected"));
      return;
    }
    var writer = new Guacamole.ArrayBufferWriter(ui.client().createClipboardStream("text/plain"));
    writer.sendData(new TextEncoder().encode(value));
    writer.sendEnd();
    lastSent = value;
    ui.noteActivity();
    clipboardSays(ui.text("clipboard.sent"), "local");
  }

  /** The keysym that types {@code ch}: Latin-1 as itself, other characters as 0x1000000 + code point. */
  function keysymOf(ch) {
    var cp = ch.codePointAt(0);
    if (ch === "\n") {
      return KEY_RETURN;
    }
    if (ch === "\t") {
      return KEY_TAB;
    }
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
      return null;
    }
    return cp <= 0xff ? cp : 0x1000000 + cp;
  }

  var typing = null;

  function stopTyping(message) {
    if (typing !== null) {
      window.clearTimeout(typing.timer);
      typing = null;
      if (typeButton) {
        typeButton.textContent = ui.text("clipboard.type");
      }
      if (message) {
        clipboardSays(message);
      }
    }
  }

  function typeText(value) {
    var chars = Array.from(value.replace(/\r\n?/g, "\n"));
    if (chars.length > TYPE_MAX) {
      clipboardSays(ui.text("clipboard.tooLong", TYPE_MAX, chars.length));
      return;
    }
    if (!ui.interactive()) {
      clipboardSays(ui.text("clipboard.notConnected"));
      return;
    }
    ui.releaseKeys();
    typing = {index: 0, timer: null};
    typeButton.textContent = ui.text("clipboard.stop");
    ui.noteActivity();
    var next = function () {
      if (typing === null) {
        return;
      }
      if (!ui.interactive()) {
        stopTyping(ui.text("clipboard.stopped", typing.index));
        return;
      }
      if (typing.index >= chars.length) {
        stopTyping(ui.text("clipboard.typed", chars.length));
        return;
      }
      var keysym = keysymOf(chars[typing.index++]);
      if (keysym !== null) {
        ui.client().sendKeyEvent(1, keysym);
        ui.client().sendKeyEvent(0, keysym);
      }
      clipboardSays(ui.text("clipboard.typing", typing.index, chars.length));
      typing.timer = window.setTimeout(next, TYPE_DELAY_MS);
    };
    next();
  }

  if (sendButton) {
    sendButton.addEventListener("click", function () {
      sendClipboard(clipboardText.value);
    });
  }
  if (typeButton) {
    typeButton.addEventListener("click", function () {
      if (typing !== null) {
        stopTyping(ui.text("clipboard.stopped", typing.index));
      } else {
        typeText(clipboardText.value);
      }
    });
  }

  return {receive: receiveClipboard, stopTyping: stopTyping};
};
