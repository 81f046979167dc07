/* Draws each chart element of a page once: at load, and in every part htmx swaps in. */
(function () {
  "use strict";

  /** Calls draw(element) for each element matching selector that has not been drawn yet. */
  function each(selector, draw) {
    function drawAll(root) {
      var scope = root && root.querySelectorAll ? root : document;
      var found = Array.prototype.slice.call(scope.querySelectorAll(selector));
      if (scope.matches && scope.matches(selector)) {
        found.push(scope);
      }
      found.forEach(function (element) {
        if (!element.dataset.drawn) {
          draw(element);
        }
      });
    }
    document.addEventListener("htmx:load", function (event) {
      drawAll(event.detail.elt);
    });
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () {
        drawAll(document);
      });
    } else {
      drawAll(document);
    }
    return drawAll;
  }

  window.vsipCharts = {each: each};
})();
