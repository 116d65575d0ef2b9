/* The API's documentation page: Swagger UI (vendored in static/vendor/swagger-ui) on the OpenAPI document
   whose address the page gives. No inline script, so the site's Content-Security-Policy holds. */
(function () {
  "use strict";
  var target = document.getElementById("swagger-ui");
  if (!target || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  // Swagger UI leaves the fields of a parameter without a name: give each the parameter's (WCAG 4.1.2).
  new MutationObserver(function () {
    target.querySelectorAll("tr[data-param-name] select, tr[data-param-name] input").forEach(function (field) {
      if (!field.hasAttribute("aria-label")) {
        field.setAttribute("aria-label", field.closest("tr").dataset.paramName);
      }
    });
  }).observe(target, { childList: true, subtree: true });

  window.SwaggerUIBundle({
    url: target.dataset.openapiUrl,
    domNode: target,
    deepLinking: false,
    validatorUrl: null, // never send the document to swagger.io
    tryItOutEnabled: true,
    syntaxHighlight: { activated: false }, // its colours fail WCAG AA contrast on the dark background
    supportedSubmitMethods: ["get"],
    defaultModelsExpandDepth: 0,
    presets: [window.SwaggerUIBundle.presets.apis],
    // The page has its own title and introduction (one h1): Swagger UI's info block is left out.
    plugins: [function () { return { components: { InfoContainer: function () { return null; } } }; }],
    layout: "BaseLayout"
  });
})();
