// UKEY sign-in (issue 8): the sign-in page's UKEY tab and the second-factor page. The page asks
// the portal for a one-time challenge, has the local middleware sign it with the chosen key, and
// posts challenge, certificate user, serial and signature to /login/ukey. The PIN goes to the
// local middleware only: its field has no name and is not in the form the portal receives.
(function () {
  "use strict";

  var root = document.querySelector("[data-ukey-challenge-url]");
  var panel = document.getElementById("ukey-panel");
  if (!root || !panel) {
    return;
  }

  var REMEMBERED = "vsip4x.ukey.sid";
  var MESSAGE_OF = {UNREACHABLE: "unreachable", KEY_ABSENT: "keyAbsent", PIN_INCORRECT: "pinIncorrect",
    PIN_LOCKED: "pinLocked", FAILED: "failed", CHALLENGE: "challengeFailed"};

  var baseUrl = root.dataset.ukeyMiddleware || "";
  var adapterName = root.dataset.ukeyAdapter || "";
  var adapter = baseUrl && window.VsipUkey ? window.VsipUkey.adapter(adapterName) : null;
  var entry = document.getElementById("ukey-entry");
  var keySelect = document.getElementById("ukey-key");
  var refreshButton = document.getElementById("ukey-refresh");
  var pinField = document.getElementById("ukey-pin");
  var signInButton = document.getElementById("ukey-sign-in");
  var status = document.getElementById("ukey-status");
  var form = document.getElementById("ukey-form");
  // The second-factor page names the serials of the account's keys: one of them is offered first.
  var accountSids = root.dataset.ukeyAccountSids === undefined ? null
      : root.dataset.ukeyAccountSids.split(/\s+/).filter(Boolean);

  var text = window.PortalPage.texts("#ukey-texts");

  function say(message, kind) {
    status.textContent = message || "";
    status.className = "ukey-status " + (kind || "muted");
    status.dataset.kind = kind || "";
    status.setAttribute("role", kind === "error" ? "alert" : "status");
  }

  function describe(failure) {
    if (failure && failure.code === "CHALLENGE" && failure.message) {
      return failure.message;
    }
    var code = failure && MESSAGE_OF[failure.code] ? failure.code : "FAILED";
    if (code === "PIN_INCORRECT" && failure.triesLeft !== null && failure.triesLeft !== undefined) {
      return text("pinIncorrect", failure.triesLeft);
    }
    return text(MESSAGE_OF[code] + (code === "PIN_INCORRECT" ? "NoCount" : ""));
  }

  var busy = false;
  function setBusy(value) {
    busy = value;
    signInButton.disabled = value || keySelect.options.length === 0;
    refreshButton.disabled = value;
  }

  function remembered() {
    try {
      return window.localStorage.getItem(REMEMBERED);
    } catch (e) {
      return null;
    }
  }

  function remember(sid) {
    try {
      window.localStorage.setItem(REMEMBERED, sid);
    } catch (e) {
      // A browser that keeps nothing only makes the person choose again next time.
    }
  }

  // Keys ------------------------------------------------------------------------------------

  function showKeys(keys) {
    var chosen = keySelect.value;
    keySelect.replaceChildren();
    keys.forEach(function (key) {
      var option = document.createElement("option");
      option.value = key.sid;
      option.dataset.certUser = key.certUser;
      option.textContent = text("keyOption", key.certUser, key.sid);
      option.title = key.subject;
      keySelect.appendChild(option);
    });
    panel.dataset.keys = "loaded";
    if (accountSids) {
      showAccountKey(keys, chosen);
      return;
    }
    var previous = chosen || remembered();
    if (keys.some(function (key) { return key.sid === previous; })) {
      keySelect.value = previous;
    }
    say(keys.length === 0 ? text("noKeys") : "", keys.length === 0 ? "error" : undefined);
  }

  /**
   * The second step: the key chosen on this page if it is the account's, else the account's first
   * inserted key; when none is inserted, which serials to insert.
   */
  function showAccountKey(keys, chosen) {
    var own = keys.filter(function (key) {
      return accountSids.indexOf(key.sid) >= 0;
    });
    if (own.length > 0) {
      var kept = own.some(function (key) { return key.sid === chosen; });
      keySelect.value = kept ? chosen : own[0].sid;
      say("");
    } else if (accountSids.length === 0) {
      say(text("noBoundKey"), "error");
    } else {
      say(text("insertKey", accountSids.join(", ")), "error");
    }
  }

  function loadKeys() {
    if (!adapter) {
      say(baseUrl ? text("noAdapter", adapterName) : text("notConfigured"), "error");
      panel.dataset.keys = "failed";
      signInButton.disabled = true;
      return;
    }
    setBusy(true);
    say(text("loading"));
    panel.dataset.keys = "loading";
    adapter.listKeys(baseUrl).then(function (keys) {
      showKeys(keys);
      setBusy(false);
    }, function (failure) {
      keySelect.replaceChildren();
      panel.dataset.keys = "failed";
      setBusy(false);
      say(describe(failure), "error");
    });
  }

  // Signing in ------------------------------------------------------------------------------

  function fetchChallenge() {
    return fetch(root.dataset.ukeyChallengeUrl, {
      method: "POST", credentials: "same-origin", redirect: "error",
      headers: window.PortalPage.csrfHeaders({Accept: "application/json"})
    }).catch(function () {
      throw {code: "CHALLENGE"};
    }).then(function (response) {
      if (!response.ok) {
        // The portal's own words when it says why (too many attempts: 429 with a problem's detail).
        return response.json().catch(function () {
          return {};
        }).then(function (problem) {
          throw {code: "CHALLENGE", message: typeof problem.detail === "string" ? problem.detail : null};
        });
      }
      return response.json().catch(function () {
        return {};
      });
    }).then(function (answer) {
      if (typeof answer.challenge !== "string" || answer.challenge === "") {
        throw {code: "CHALLENGE"};
      }
      return answer.challenge;
    });
  }

  function submit(challenge, signed) {
    pinField.value = "";
    remember(signed.sid);
    form.elements.challenge.value = challenge;
    form.elements.certUser.value = signed.certUser;
    form.elements.sid.value = signed.sid;
    form.elements.signature.value = signed.signature;
    form.submit();
  }

  function signIn(event) {
    event.preventDefault();
    if (busy || lapsed()) {
      return;
    }
    var sid = keySelect.value;
    var pin = pinField.value;
    if (!sid) {
      say(text("chooseKey"), "error");
      keySelect.focus();
      return;
    }
    if (!pin) {
      say(text("enterPin"), "error");
      pinField.focus();
      return;
    }
    setBusy(true);
    say(text("signing"));
    fetchChallenge().then(function (challenge) {
      return adapter.sign(baseUrl, sid, pin, challenge).then(function (signed) {
        submit(challenge, signed);
      });
    }).catch(function (failure) {
      setBusy(false);
      say(describe(failure), "error");
      if (failure && failure.code === "KEY_ABSENT") {
        loadKeys();
      } else if (failure && failure.code === "PIN_INCORRECT") {
        pinField.select();
        pinField.focus();
      }
    });
  }

  entry.addEventListener("submit", signIn);
  refreshButton.addEventListener("click", loadKeys);
  // Back to this page from the browser's cache: not still busy with the sign-in it left for.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      pinField.value = "";
      setBusy(false);
      say("");
    }
  });

  // The step's deadline (the second-factor page only) -------------------------------------

  var millisLeft = Number(root.dataset.stepMillisLeft);
  var deadline = root.dataset.stepMillisLeft ? Date.now() + millisLeft : null;

  /** Whether the step has lapsed; if so, the page says so instead of offering the key. */
  function lapsed() {
    if (deadline === null || Date.now() < deadline) {
      return false;
    }
    pinField.value = "";
    document.getElementById("second-factor-step").hidden = true;
    document.getElementById("second-factor-lapsed").hidden = false;
    return true;
  }

  if (deadline !== null) {
    // A timer in a background tab may fire late: the page looks again when it is shown.
    window.setTimeout(lapsed, millisLeft + 250);
    document.addEventListener("visibilitychange", lapsed);
  }

  // Tabs (the sign-in page only) ------------------------------------------------------------

  var tabs = Array.prototype.slice.call(document.querySelectorAll("[role='tab'][aria-controls]"));

  function choose(tab) {
    tabs.forEach(function (other) {
      var chosen = other === tab;
      other.setAttribute("aria-selected", String(chosen));
      other.tabIndex = chosen ? 0 : -1;
      document.getElementById(other.getAttribute("aria-controls")).hidden = !chosen;
    });
    if (!panel.closest("[hidden]") && !panel.dataset.keys) {
      loadKeys();
    }
  }

  tabs.forEach(function (tab, i) {
    tab.addEventListener("click", function () {
      choose(tab);
    });
    tab.addEventListener("keydown", function (event) {
      var step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
      if (step !== 0) {
        var next = tabs[(i + step + tabs.length) % tabs.length];
        choose(next);
        next.focus();
      }
    });
  });

  if (!panel.closest("[hidden]")) {
    loadKeys();
  }
})();
