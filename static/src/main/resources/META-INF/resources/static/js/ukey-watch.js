// The UKEY on the computer (issue 8): a session signed in with a UKEY under a policy that ends it
// when the key is removed asks the local middleware every few seconds whether the key is still
// there. When it is gone, or the middleware cannot be reached twice running, the page tells the
// portal, which ends the session, and goes where the portal says.
(function () {
  "use strict";

  var watch = document.getElementById("ukey-watch");
  var adapter = watch && window.VsipUkey ? window.VsipUkey.adapter(watch.dataset.adapter) : null;
  if (!adapter || !watch.dataset.sid || !watch.dataset.middleware) {
    return;
  }

  var EVERY_MS = 3000;
  var UNREACHABLE_LIMIT = 2;
  var sid = watch.dataset.sid;
  var unreachable = 0;
  var ended = false;

  function later() {
    if (!ended) {
      window.setTimeout(check, EVERY_MS);
    }
  }

  function leave(target) {
    ended = true;
    watch.dataset.state = "ended";
    window.location.assign(/^\/(?!\/)/.test(target || "") ? target : watch.dataset.signedOut);
  }

  /** The key is gone: the portal ends the session (409: this session did not sign in with a UKEY). */
  function removed() {
    watch.dataset.state = "removed";
    fetch(watch.dataset.removedUrl, {
      method: "POST", credentials: "same-origin", redirect: "manual",
      headers: window.PortalPage.csrfHeaders({Accept: "application/json"})
    }).then(function (response) {
      if (response.ok) {
        return response.json().then(function (answer) {
          leave(answer.redirect);
        });
      }
      if (response.status === 409) {
        ended = true;
        watch.dataset.state = "not-watched";
        return null;
      }
      if (response.type === "opaqueredirect" || response.status === 401 || response.status === 403) {
        // The session has already ended.
        leave(null);
        return null;
      }
      later();
      return null;
    }).catch(later);
  }

  function check() {
    adapter.listKeys(watch.dataset.middleware).then(function (keys) {
      unreachable = 0;
      if (keys.some(function (key) { return key.sid === sid; })) {
        watch.dataset.state = "present";
        later();
      } else {
        removed();
      }
    }, function (failure) {
      unreachable = failure.code === "UNREACHABLE" ? unreachable + 1 : 0;
      if (unreachable >= UNREACHABLE_LIMIT) {
        removed();
      } else {
        later();
      }
    });
  }

  check();
})();
