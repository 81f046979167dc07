// What the portal's page scripts share: the CSRF header of a fetch, and the page's own texts (rendered
// by the server from message keys into hidden elements with data-key attributes).
(function () {
  "use strict";

  if (window.PortalPage) {
    return;
  }

  window.PortalPage = {
    /** Adds the page's CSRF header (from its meta tags) to {@code headers}, and returns them. */
    csrfHeaders: function (headers) {
      var token = document.querySelector('meta[name="_csrf"]');
      var header = document.querySelector('meta[name="_csrf_header"]');
      if (token && header) {
        headers[header.content] = token.content;
      }
      return headers;
    },

    /**
     * The texts under {@code selector}, as a function giving a text with its {0}, {1}… filled in (as
     * the server's MessageFormat would), or the key itself when the page has no such text; its
     * {@code has(key)} tells whether it has.
     */
    texts: function (selector) {
      var texts = {};
      document.querySelectorAll(selector + " [data-key]").forEach(function (el) {
        texts[el.dataset.key] = el.textContent;
      });
      var text = function (key) {
        var args = Array.prototype.slice.call(arguments, 1);
        var template = texts[key] || key;
        return template.replace(/\{(\d+)\}/g, function (all, i) {
          return args[i] !== undefined ? String(args[i]) : all;
        }).replace(/''/g, "'");
      };
      text.has = function (key) {
        return texts[key] !== undefined;
      };
      return text;
    }
  };
})();
