// VM page, native client links (issue 7): "Copy" puts the link of its row on the clipboard. The
// links carry the console password, so they are only ever in the page after a click, never stored.
document.addEventListener("click", function (event) {
  var button = event.target.closest ? event.target.closest("button[data-copy]") : null;
  if (!button) {
    return;
  }
  var field = document.getElementById(button.dataset.copy);
  if (!field) {
    return;
  }
  function copied() {
    button.textContent = button.dataset.copied;
  }
  function byHand() {
    field.focus();
    field.select();
    if (document.execCommand("copy")) {
      copied();
    }
  }
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value).then(copied, byHand);
  } else {
    byHand();
  }
});
