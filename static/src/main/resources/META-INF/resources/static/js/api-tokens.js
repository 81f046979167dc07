// The API token page (issue 8): a button copies the token shown this once. The clipboard API
// where the browser offers it (a secure context: https or loopback), else the older copy command
// on the selected field; when neither works, the person is told to copy it by hand.
(function () {
  "use strict";

  var button = document.getElementById("api-token-copy");
  var field = document.getElementById("api-token-secret");
  var status = document.getElementById("api-token-copy-status");
  if (!button || !field || !status) {
    return;
  }

  function say(copied) {
    status.textContent = copied ? button.dataset.copiedText : button.dataset.failedText;
    status.dataset.copied = String(copied);
    status.classList.toggle("error", !copied);
  }

  function copyBySelection() {
    field.focus();
    field.select();
    try {
      return document.execCommand("copy");
    } catch (e) {
      return false;
    }
  }

  button.addEventListener("click", function () {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () {
        say(true);
      }, function () {
        say(copyBySelection());
      });
    } else {
      say(copyBySelection());
    }
  });
})();
