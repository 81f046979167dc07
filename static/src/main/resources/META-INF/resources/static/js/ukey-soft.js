// The "vsip4x-soft v1" middleware (issue 8): the simulator's software stand-in for a key vendor's
// local service, JSON over HTTP on loopback. GET /v1/keys lists the inserted keys; POST /v1/sign
// signs with one after checking its PIN. The PIN goes to the middleware only.
(function () {
  "use strict";

  var failure = window.VsipUkey.failure;

  function url(baseUrl, path) {
    return String(baseUrl).replace(/\/+$/, "") + path;
  }

  /** Fetches, turning a connection failure (nothing listening, CORS refused) into UNREACHABLE. */
  function call(baseUrl, path, init) {
    var options = Object.assign({mode: "cors", credentials: "omit", cache: "no-store", redirect: "error"},
        init || {});
    return fetch(url(baseUrl, path), options).catch(function () {
      throw failure("UNREACHABLE");
    });
  }

  function body(response) {
    return response.json().catch(function () {
      return {};
    });
  }

  function listKeys(baseUrl) {
    return call(baseUrl, "/v1/keys").then(function (response) {
      if (!response.ok) {
        throw failure("FAILED");
      }
      return body(response).then(function (answer) {
        return (Array.isArray(answer.keys) ? answer.keys : []).map(function (key) {
          return {sid: String(key.sid), certUser: String(key.certUser), subject: key.subject || "",
            notAfter: key.notAfter || ""};
        });
      });
    });
  }

  var REFUSALS = {403: "PIN_INCORRECT", 404: "KEY_ABSENT", 423: "PIN_LOCKED"};

  function sign(baseUrl, sid, pin, data) {
    return call(baseUrl, "/v1/sign", {
      method: "POST",
      headers: {"Content-Type": "application/json", Accept: "application/json"},
      body: JSON.stringify({sid: sid, pin: pin, data: data})
    }).then(function (response) {
      return body(response).then(function (answer) {
        if (!response.ok) {
          throw failure(answer.error || REFUSALS[response.status] || "FAILED", answer.triesLeft);
        }
        if (!answer.signature || !answer.certUser || !answer.sid) {
          throw failure("FAILED");
        }
        return {sid: answer.sid, certUser: answer.certUser, signature: answer.signature};
      });
    });
  }

  window.VsipUkey.register("vsip4x-soft", {listKeys: listKeys, sign: sign});
})();
