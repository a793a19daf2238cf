/* Printing a page opens every collapsed block, so paper shows all of it. */
(function () {
  "use strict";
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (block) {
      block.setAttribute("open", "");
      block.setAttribute("data-cur-opened-for-print", "");
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details[data-cur-opened-for-print]").forEach(function (block) {
      block.removeAttribute("open");
      block.removeAttribute("data-cur-opened-for-print");
    });
  });
})();
