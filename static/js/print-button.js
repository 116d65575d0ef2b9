/* The printable sheet's "Print" button: shown only with JavaScript (without it, the page says to use Ctrl+P). */
(function () {
  "use strict";
  function start() {
    var button = document.getElementById("print-button");
    if (!button) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
