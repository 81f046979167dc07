// The VM console (issue 7): the VM's screen through the portal's Guacamole WebSocket tunnel.
// Each connection asks for a one-time token (POST, never in a URL) and hands it to the tunnel in
// its first instruction ("auth"). A dropped connection is opened again with a back-off and a new
// token, unless the portal said why it ended and that reason rules a retry out.
(function () {
  "use strict";

  var page = document.getElementById("console-page");
  if (!page) {
    return;
  }

  /** Reasons after which connecting again would only be refused again, or is not wanted. */
  var FINAL = ["TAKEN_OVER", "ENDED_BY_ADMIN", "ACCESS_LOST", "SIGNED_OUT", "SESSION_ENDED", "TOKEN_INVALID",
    "TOKEN_USED", "TOKEN_EXPIRED", "TOKEN_OTHER_USER", "LIMIT_REACHED", "VM_NOT_RUNNING", "NO_SESSION",
    "USER_CLOSED"];
  /** Reasons that mean the person is no longer signed in. */
  var SIGNED_OUT = ["SIGNED_OUT", "SESSION_ENDED", "NO_SESSION"];
  var MAX_ATTEMPTS = 8;
  var MAX_BACKOFF_MS = 30000;
  var ACTIVITY_EVERY_MS = 60000;

  var viewOnly = page.dataset.viewOnly === "true";
  var stateEl = document.getElementById("console-state");
  var messageEl = document.getElementById("console-message");
  var stage = document.getElementById("console-stage");
  var screen = document.getElementById("console-screen");
  var holder = document.getElementById("console-display");
  var scaleButton = document.getElementById("console-scale");
  var fullscreenButton = document.getElementById("console-fullscreen");
  var disconnectButton = document.getElementById("console-disconnect");
  var reconnectButton = document.getElementById("console-reconnect");
  var signInLink = document.getElementById("console-sign-in");

  var text = window.PortalPage.texts("#console-texts");

  if (!window.Guacamole || !window.WebSocket || !window.TextEncoder || !window.PortalConsoleClipboard) {
    stateEl.dataset.state = "closed";
    stateEl.textContent = text("state.closed");
    messageEl.textContent = text("closed.unsupported");
    messageEl.hidden = false;
    return;
  }

  // Connection state ------------------------------------------------------------------------

  var state = null;
  var client = null;
  var tunnel = null;
  var generation = 0;
  var attempt = 0;
  var retryTimer = null;
  var userClosed = false;
  var signedOut = false;
  var fitToWindow = true;

  function setState(name, message, reason) {
    state = name;
    stateEl.dataset.state = name;
    stateEl.dataset.reason = reason || "";
    stateEl.textContent = text("state." + name);
    stateEl.classList.remove("unstable");
    showMessage(message);
    var closed = name === "closed";
    reconnectButton.hidden = !closed || signedOut;
    signInLink.hidden = !(closed && signedOut);
    disconnectButton.hidden = closed;
  }

  function showMessage(message) {
    messageEl.textContent = message || "";
    messageEl.hidden = !message;
  }

  function connected() {
    return state === "connected" && client !== null;
  }

  function interactive() {
    return connected() && !viewOnly;
  }

  /** Asks for a one-time token; resolves to the answer, rejects with {reason, message, retry}. */
  function fetchToken() {
    return fetch(page.dataset.tokenUrl, {
      method: "POST", credentials: "same-origin", redirect: "manual",
      headers: window.PortalPage.csrfHeaders({Accept: "application/json"})
    }).then(function (response) {
      if (response.ok) {
        return response.json();
      }
      if (response.type === "opaqueredirect" || response.status === 401) {
        throw {reason: "NO_SESSION", message: text("http.401"), retry: false};
      }
      var status = response.status;
      var known = text.has("http." + status);
      var fallback = known ? text("http." + status) : text("http.other", status);
      var retry = status === 503 || status >= 500 && !known;
      return response.json().catch(function () {
        return {};
      }).then(function (body) {
        var detail = body && typeof body.detail === "string" && body.detail ? body.detail : fallback;
        throw {reason: status === 409 ? "VM_NOT_RUNNING" : status === 429 ? "LIMIT_REACHED" : null,
          message: detail, retry: retry};
      });
    }, function () {
      throw {reason: null, message: text("http.network"), retry: true};
    });
  }

  function connect() {
    window.clearTimeout(retryTimer);
    userClosed = false;
    var mine = ++generation;
    if (attempt === 0) {
      setState("connecting");
    } else {
      setState("reconnecting", messageEl.textContent);
    }
    fetchToken().then(function (answer) {
      if (mine === generation) {
        open(answer, mine);
      }
    }, function (failure) {
      if (mine !== generation) {
        return;
      }
      if (failure.retry) {
        retryLater(failure.message);
      } else {
        finish(failure.reason, failure.message);
      }
    });
  }

  function open(answer, mine) {
    if (answer.viewOnly === true) {
      viewOnly = true;
    }
    var lastError = null;
    var authSent = false;
    var token = answer.token;
    tunnel = new Guacamole.WebSocketTunnel(answer.tunnel || page.dataset.tunnelUrl);
    client = new Guacamole.Client(tunnel);
    var own = client;

    // The first (and only) instruction before guacd's is "auth". guacamole-common-js 1.6.0
    // announces the UUID before it marks the tunnel open (when sending is refused), so the token
    // goes out as soon as both have happened.
    function sendAuth() {
      if (!authSent && tunnel.uuid && tunnel.isConnected()) {
        authSent = true;
        var size = screenSize();
        tunnel.sendMessage("auth", token, size.width, size.height, size.dpi);
        token = null;
      }
    }
    tunnel.onuuid = sendAuth;
    tunnel.onstatechange = function (tunnelState) {
      if (mine !== generation) {
        return;
      }
      if (tunnelState === Guacamole.Tunnel.State.OPEN) {
        sendAuth();
        stateEl.classList.remove("unstable");
      } else if (tunnelState === Guacamole.Tunnel.State.UNSTABLE) {
        stateEl.classList.add("unstable");
        stateEl.title = text("state.unstable");
      } else if (tunnelState === Guacamole.Tunnel.State.CLOSED) {
        closed(lastError);
      }
    };
    // A refusal or an end comes as guacd's (or the portal's) "error" instruction first, whose
    // message is the reason word; a dropped network only as the tunnel's own error.
    tunnel.onerror = function (status) {
      lastError = lastError || {code: status.code, message: status.message, network: true};
    };
    own.onerror = function (status) {
      lastError = {code: status.code, message: status.message, network: false};
    };
    own.onstatechange = function (clientState) {
      if (mine === generation && clientState === Guacamole.Client.State.CONNECTED) {
        attempt = 0;
        setState("connected");
        rescale();
      }
    };
    own.onclipboard = clipboard.receive;

    var display = own.getDisplay();
    display.onresize = rescale;
    holder.replaceChildren(display.getElement());
    try {
      own.connect("");
    } catch (status) {
      closed({code: status.code, message: status.message, network: true});
    }
  }

  function closed(error) {
    if (keyboard) {
      keyboard.reset();
    }
    clipboard.stopTyping();
    if (userClosed) {
      finish("USER_CLOSED", text("reason.USER_CLOSED"));
      return;
    }
    var reason = error && text.has("reason." + error.message) ? error.message : null;
    if (reason && FINAL.indexOf(reason) >= 0) {
      finish(reason, text("reason." + reason));
      return;
    }
    if (signedOut) {
      finish("SIGNED_OUT", text("reason.SIGNED_OUT"));
      return;
    }
    var message = reason ? text("reason." + reason)
      : error && !error.network && error.code ? text("closed.code", error.code) : text("closed.network");
    retryLater(message);
  }

  function retryLater(message) {
    attempt++;
    if (attempt > MAX_ATTEMPTS) {
      finish(null, message + " " + text("closed.gaveUp"));
      return;
    }
    var delay = Math.min(MAX_BACKOFF_MS, 1000 * Math.pow(2, attempt - 1));
    setState("reconnecting", message + " " + text("closed.retry", Math.round(delay / 1000), attempt));
    retryTimer = window.setTimeout(connect, delay);
  }

  function finish(reason, message) {
    window.clearTimeout(retryTimer);
    generation++;
    if (reason && SIGNED_OUT.indexOf(reason) >= 0) {
      signedOut = true;
      stopPolling();
    }
    setState("closed", message, reason);
  }

  disconnectButton.addEventListener("click", function () {
    window.clearTimeout(retryTimer);
    userClosed = true;
    if (client !== null && tunnel !== null && tunnel.state !== Guacamole.Tunnel.State.CLOSED) {
      client.disconnect();
    } else {
      finish("USER_CLOSED", text("reason.USER_CLOSED"));
    }
  });

  reconnectButton.addEventListener("click", function () {
    attempt = 0;
    connect();
  });

  // Signing out elsewhere: the tunnel closes by itself within seconds and says why; until then
  // this page stays (instead of following the live stream or a fragment to the sign-in page).
  function stopPolling() {
    document.querySelectorAll("#console-presence, #console-shares").forEach(function (el) {
      var quiet = document.createElement("div");
      quiet.id = el.id;
      quiet.replaceChildren.apply(quiet, Array.prototype.slice.call(el.childNodes));
      el.replaceWith(quiet);
    });
  }

  function noteSignedOut() {
    signedOut = true;
    stopPolling();
    if (state !== "connected" && state !== "closed") {
      finish("SIGNED_OUT", text("reason.SIGNED_OUT"));
    }
  }

  document.addEventListener("portal:signedout", function (event) {
    event.preventDefault();
    noteSignedOut();
  });
  document.addEventListener("htmx:beforeOnLoad", function (event) {
    if (event.detail.xhr && event.detail.xhr.status === 401) {
      event.preventDefault();
      noteSignedOut();
    }
  });

  window.addEventListener("pagehide", function () {
    window.clearTimeout(retryTimer);
    generation++;
    if (client !== null) {
      client.disconnect();
    }
  });
  // Back from the browser's page cache: the connection closed on leaving was never noted as closed.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && state !== "closed") {
      attempt = 0;
      connect();
    }
  });

  // Display: fit to the window or 1:1, and full screen -----------------------------------------

  function screenSize() {
    var ratio = window.devicePixelRatio || 1;
    return {
      width: Math.max(1, Math.floor(screen.clientWidth * ratio)),
      height: Math.max(1, Math.floor(screen.clientHeight * ratio)),
      dpi: Math.round(96 * ratio)
    };
  }

  function rescale() {
    if (client === null) {
      return;
    }
    var display = client.getDisplay();
    var width = display.getWidth();
    var height = display.getHeight();
    if (!width || !height) {
      return;
    }
    var scale = fitToWindow ? Math.min(screen.clientWidth / width, screen.clientHeight / height) : 1;
    display.scale(scale > 0 ? scale : 1);
    screen.classList.toggle("actual-size", !fitToWindow);
  }

  scaleButton.addEventListener("click", function () {
    fitToWindow = !fitToWindow;
    scaleButton.textContent = text(fitToWindow ? "tool.actual" : "tool.fit");
    scaleButton.setAttribute("aria-pressed", String(!fitToWindow));
    rescale();
  });

  fullscreenButton.addEventListener("click", function () {
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else if (stage.requestFullscreen) {
      stage.requestFullscreen().then(function () {
        // Keys the browser keeps for itself (Esc, Alt+Tab, the Windows key) go to the VM where
        // the browser allows it; holding Esc still leaves full screen.
        if (navigator.keyboard && navigator.keyboard.lock && !viewOnly) {
          navigator.keyboard.lock().catch(function () { });
        }
      }, function () { });
    }
  });

  document.addEventListener("fullscreenchange", function () {
    var full = document.fullscreenElement === stage;
    fullscreenButton.textContent = text(full ? "tool.exitFullscreen" : "tool.fullscreen");
    if (!full && navigator.keyboard && navigator.keyboard.unlock) {
      navigator.keyboard.unlock();
    }
    rescale();
  });
  window.addEventListener("resize", rescale);

  // Input: keyboard and mouse while connected and not view-only -------------------------------

  var lastActivity = 0;

  /** Tells the portal the person is working (it keeps the session alive): at most once a minute. */
  function noteActivity() {
    var now = Date.now();
    if (now - lastActivity < ACTIVITY_EVERY_MS) {
      return;
    }
    lastActivity = now;
    fetch(page.dataset.activityUrl, {
      method: "POST", credentials: "same-origin", redirect: "manual", headers: window.PortalPage.csrfHeaders({})
    }).catch(function () { });
  }

  var keyboard = null;
  if (!viewOnly) {
    keyboard = new Guacamole.Keyboard(screen);
    keyboard.onkeydown = function (keysym) {
      if (!interactive()) {
        return true;
      }
      client.sendKeyEvent(1, keysym);
      noteActivity();
      return false;
    };
    keyboard.onkeyup = function (keysym) {
      if (interactive()) {
        client.sendKeyEvent(0, keysym);
      }
    };
    screen.addEventListener("blur", function () {
      keyboard.reset();
    });

    var mouse = new Guacamole.Mouse(holder);
    mouse.onEach(["mousedown", "mouseup", "mousemove"], function (event) {
      if (interactive()) {
        client.sendMouseState(event.state, true);
        if (event.type === "mousedown") {
          noteActivity();
        }
      }
    });
    holder.addEventListener("mousedown", function () {
      screen.focus();
    });
  }

  /** Presses the keys in order, then releases them in reverse (a key combination). */
  function sendCombination(keysyms) {
    if (!interactive()) {
      return;
    }
    keysyms.forEach(function (keysym) {
      client.sendKeyEvent(1, keysym);
    });
    keysyms.slice().reverse().forEach(function (keysym) {
      client.sendKeyEvent(0, keysym);
    });
    noteActivity();
  }

  document.querySelectorAll("#console-keys [data-keys]").forEach(function (button) {
    button.addEventListener("click", function () {
      sendCombination(button.dataset.keys.split(" ").map(Number));
      document.getElementById("console-keys").open = false;
      screen.focus();
    });
  });

  // Clipboard both ways, and typing a text as keystrokes (console-clipboard.js).

  var clipboard = window.PortalConsoleClipboard({
    text: text,
    interactive: interactive,
    client: function () {
      return client;
    },
    noteActivity: noteActivity,
    releaseKeys: function () {
      if (keyboard) {
        keyboard.reset();
      }
    }
  });

  // For the browser tests: the screen as the display holds it, and the connection's state.
  window.portalConsole = {
    state: function () {
      return state;
    },
    scale: function () {
      return client === null ? null : client.getDisplay().getScale();
    },
    snapshot: function () {
      return client === null ? null : client.getDisplay().flatten().toDataURL("image/png");
    }
  };

  connect();
})();
