// UKEY middleware adapters (issue 8). The portal's pages never talk to a key vendor's local
// middleware directly: they ask the adapter registered under the name the portal is configured
// with ("vsip4x-soft" for the simulator's stand-in). Another vendor's middleware is one more file
// that calls VsipUkey.register.
//
// An adapter has two functions, both returning promises:
//   listKeys(baseUrl)                -> [{sid, certUser, subject, notAfter}]
//   sign(baseUrl, sid, pin, data)    -> {sid, certUser, signature}
// and rejects with {code, triesLeft}, code one of VsipUkey.CODES.
(function () {
  "use strict";

  if (window.VsipUkey) {
    return;
  }

  var adapters = {};
  var CODES = ["UNREACHABLE", "KEY_ABSENT", "PIN_INCORRECT", "PIN_LOCKED", "FAILED"];

  /** A failure as every adapter reports it; an unknown code becomes FAILED. */
  function failure(code, triesLeft) {
    return {
      code: CODES.indexOf(code) >= 0 ? code : "FAILED",
      triesLeft: typeof triesLeft === "number" ? triesLeft : null
    };
  }

  window.VsipUkey = {
    CODES: CODES,
    failure: failure,

    /** Makes {@code adapter} the one used for middleware of type {@code name}. */
    register: function (name, adapter) {
      if (!adapter || typeof adapter.listKeys !== "function" || typeof adapter.sign !== "function") {
        throw new Error("A UKEY adapter needs listKeys and sign: " + name);
      }
      adapters[name] = adapter;
    },

    /** The adapter registered as {@code name}, or null. */
    adapter: function (name) {
      return Object.prototype.hasOwnProperty.call(adapters, name) ? adapters[name] : null;
    }
  };
})();
