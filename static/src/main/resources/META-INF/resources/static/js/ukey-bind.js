// The UKEY bind form's "read from a key inserted here": lists the keys the local middleware sees
// (through the adapter registry of ukey.js) and fills the serial and certificate user: at once when
// there is one key, of the one chosen when there are several. The middleware's address and adapter
// come from the form's data attributes.
(function () {
  "use strict";

  function setup() {
    var form = document.getElementById("ukey-bind-form");
    var button = document.getElementById("ukey-read");
    if (!form || !button) {
      return;
    }
    var select = document.getElementById("ukey-inserted");
    var status = document.getElementById("ukey-read-status");
    var keys = [];

    function say(name, args) {
      var text = status.getAttribute("data-text-" + name) || "";
      (args || []).forEach(function (value, i) {
        text = text.split("{" + i + "}").join(String(value));
      });
      status.textContent = text;
    }

    function fill(key) {
      document.getElementById("sid").value = key.sid;
      document.getElementById("certUser").value = key.certUser;
    }

    function describe(key) {
      var text = key.certUser + " (" + key.sid + ")";
      if (key.notAfter) {
        text += " " + (status.getAttribute("data-text-not-after") || "").split("{0}")
            .join(String(key.notAfter).substring(0, 10));
      }
      return text;
    }

    button.addEventListener("click", function () {
      var registry = window.VsipUkey;
      var adapter = registry && registry.adapter(form.getAttribute("data-ukey-adapter"));
      if (!form.getAttribute("data-ukey-middleware")) {
        say("not-configured");
        return;
      }
      if (!adapter) {
        say("no-adapter");
        return;
      }
      button.disabled = true;
      status.textContent = "";
      adapter.listKeys(form.getAttribute("data-ukey-middleware")).then(function (found) {
        keys = found || [];
        while (select.options.length > 1) {
          select.remove(1);
        }
        keys.forEach(function (key, i) {
          var option = document.createElement("option");
          option.value = String(i);
          option.textContent = describe(key);
          select.appendChild(option);
        });
        select.hidden = keys.length < 2;
        if (keys.length === 0) {
          say("none");
        } else if (keys.length === 1) {
          fill(keys[0]);
          say("found", [1]);
        } else {
          say("found-many", [keys.length]);
          select.focus();
        }
      }, function (failure) {
        select.hidden = true;
        say(failure && failure.code === "UNREACHABLE" ? "unreachable" : "failed");
      }).then(function () {
        button.disabled = false;
      });
    });

    select.addEventListener("change", function () {
      if (select.value !== "") {
        var key = keys[Number(select.value)];
        fill(key);
        say("filled", [key.certUser + " (" + key.sid + ")"]);
      } else {
        say("found-many", [keys.length]);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
