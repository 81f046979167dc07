// Adds the CSRF header to every htmx request, read from the page at request time so that a
// refreshed token is always the one sent.
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

// Shows a refused htmx request's message in the flash area rather than swapping it in place.
document.addEventListener("htmx:beforeSwap", function (event) {
  var status = event.detail.xhr.status;
  if (status >= 400 && event.detail.xhr.getResponseHeader("HX-Retarget")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// Any other failed htmx request still tells the person something went wrong, in their language
// (the texts come from the page's body), instead of leaving the page silently unchanged: that the
// request was too large when it was (answered 413 by the portal or by the proxy in front of it).
function showFlash(text) {
  var flash = document.getElementById("flash");
  if (flash) {
    flash.replaceChildren();
    var message = document.createElement("div");
    message.className = "error";
    message.setAttribute("role", "alert");
    message.textContent = text;
    flash.appendChild(message);
  }
}
document.addEventListener("htmx:responseError", function (event) {
  if (!event.detail.xhr.getResponseHeader("HX-Retarget")) {
    showFlash(event.detail.xhr.status === 413 ? document.body.dataset.tooLargeText
        : document.body.dataset.errorText);
  }
});
document.addEventListener("htmx:sendError", function () {
  showFlash(document.body.dataset.connectionText);
});

// The system disk cannot be smaller than the chosen template's image: the form says so as soon
// as a template is chosen (the server checks it again).
document.addEventListener("change", function (event) {
  if (event.target.id !== "templateId") {
    return;
  }
  var chosen = event.target.selectedOptions[0];
  var disk = document.getElementById("diskGb");
  if (chosen && chosen.dataset.diskGb && disk) {
    disk.min = chosen.dataset.diskGb;
    if (Number(disk.value) < Number(disk.min)) {
      disk.value = disk.min;
    }
  }
});

// Live status (issue 5). Every live part of a page (an element with an "sse:..." hx-trigger)
// refetches once when the page may have missed events: on the server's "resync" event (a stream
// that came back naming an older Last-Event-ID), and when the SSE extension had to open a new
// stream after a failed one (that new stream names no last event, so the page asks by itself).
// A stream answered "signedout" (the session ended) takes the whole page to the sign-in page
// instead of retrying.
(function () {
  var resyncTimer = null;

  function refreshLiveParts() {
    document.querySelectorAll("[hx-trigger*='sse:'], [data-hx-trigger*='sse:']").forEach(function (el) {
      var spec = el.getAttribute("hx-trigger") || el.getAttribute("data-hx-trigger") || "";
      spec.split(",").forEach(function (part) {
        var name = part.trim().split(/\s+/)[0];
        if (name.indexOf("sse:") === 0 && name !== "sse:resync") {
          htmx.trigger(el, name);
        }
      });
    });
  }

  // Both streams of a page (the page's own and the top bar's) may ask at once: one refetch.
  function resync() {
    if (resyncTimer === null) {
      resyncTimer = window.setTimeout(function () {
        resyncTimer = null;
        refreshLiveParts();
      }, 100);
    }
  }

  function signedOut(event) {
    var target = typeof event.data === "string" && /^\/(?!\/)/.test(event.data) ? event.data : "/login";
    event.target.close();
    // A page with something to say first (the console tells why it closed) may keep the person.
    if (document.dispatchEvent(new CustomEvent("portal:signedout", {cancelable: true}))) {
      window.location.assign(target);
    }
  }

  // A page's first stream names the newest event when the page was made, so that an event that
  // came between making the page and connecting is not lost (the server answers "resync").
  var firstConnects = {};
  function withSince(url) {
    var since = document.querySelector('meta[name="live-since"]');
    if (!since || firstConnects[url] || url.indexOf("?") >= 0) {
      return url;
    }
    firstConnects[url] = true;
    return url + "?since=" + encodeURIComponent(since.content);
  }

  if (window.htmx && htmx.createEventSource) {
    var create = htmx.createEventSource;
    htmx.createEventSource = function (url) {
      var source = create(withSince(url));
      source.addEventListener("resync", resync);
      source.addEventListener("signedout", signedOut);
      return source;
    };
  }

  document.addEventListener("htmx:sseError", function (event) {
    var source = event.detail && event.detail.source;
    if (source && source.readyState === EventSource.CLOSED) {
      event.target.dataset.liveBroken = "true";
    }
  });
  document.addEventListener("htmx:sseOpen", function (event) {
    if (event.target.dataset && event.target.dataset.liveBroken) {
      delete event.target.dataset.liveBroken;
      resync();
    }
  });
})();

// VM list: "select all on this page" ticks every row's box; the ticks survive a live update of
// the rows (the same VMs stay selected), and "select all" follows the rows' boxes.
document.addEventListener("change", function (event) {
  if (event.target.id === "vm-select-all") {
    document.querySelectorAll("#vm-rows input.vm-select").forEach(function (box) {
      box.checked = event.target.checked;
    });
  } else if (event.target.classList && event.target.classList.contains("vm-select")) {
    syncSelectAll();
  }
});
var selectedVms = null;
function syncSelectAll() {
  var all = document.getElementById("vm-select-all");
  var boxes = document.querySelectorAll("#vm-rows input.vm-select");
  if (all) {
    all.checked = boxes.length > 0 && Array.prototype.every.call(boxes, function (box) { return box.checked; });
  }
}
document.addEventListener("htmx:beforeSwap", function (event) {
  if (event.detail.target && event.detail.target.id === "vm-rows") {
    selectedVms = Array.prototype.map.call(document.querySelectorAll("#vm-rows input.vm-select:checked"),
        function (box) { return box.value; });
  }
});
document.addEventListener("htmx:afterSettle", function () {
  if (selectedVms !== null && document.getElementById("vm-rows")) {
    document.querySelectorAll("#vm-rows input.vm-select").forEach(function (box) {
      box.checked = selectedVms.indexOf(box.value) >= 0;
    });
    selectedVms = null;
    syncSelectAll();
  }
});

// A form marked data-submit-once is sent once: its submit buttons are disabled as it is sent, so a
// double click asks once (the server refuses a repeat all the same). A page shown again from the
// browser's history gets its buttons back.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-submit-once")) {
    return;
  }
  if (form.dataset.submitted) {
    event.preventDefault();
    return;
  }
  form.dataset.submitted = "true";
  // After the submission took the form's data, so a named button still sends its value.
  setTimeout(function () {
    form.querySelectorAll('button[type="submit"], input[type="submit"]').forEach(function (button) {
      button.disabled = true;
    });
  }, 0);
});
window.addEventListener("pageshow", function (event) {
  if (!event.persisted) {
    return;
  }
  document.querySelectorAll("form[data-submit-once][data-submitted]").forEach(function (form) {
    delete form.dataset.submitted;
    form.querySelectorAll('button[type="submit"], input[type="submit"]').forEach(function (button) {
      button.disabled = false;
    });
  });
});
