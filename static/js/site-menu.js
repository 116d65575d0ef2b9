/* The header's menu and the filters are <details>: they open and close without JavaScript. This only improves
 * them: on a wide screen they stay open (every link and filter shows, site.css hides or flattens the button), on
 * a phone the menu closes with Escape and when the person taps outside it. */
(function () {
  "use strict";
  var menu = document.getElementById("site-menu");
  if (!menu || !window.matchMedia) {
    return;
  }
  var wide = window.matchMedia("(min-width: 992px)");
  var folds = document.querySelectorAll("details.fold-wide");
  function follow() {
    menu.open = wide.matches;
    folds.forEach(function (fold) {
      if (wide.matches) {
        fold.open = true;
      }
    });
  }
  follow();
  wide.addEventListener("change", follow);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open && !wide.matches) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (menu.open && !wide.matches && !menu.contains(event.target)) {
      menu.open = false;
    }
  });
})();
