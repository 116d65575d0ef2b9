/* The API's documentation page: Swagger UI (vendored in static/vendor/swagger-ui) on the OpenAPI document
   whose address the page gives. No inline script, so the site's Content-Security-Policy holds. */
(function () {
  "use strict";
  var target = document.getElementById("swagger-ui");
  if (!target || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: target.dataset.openapiUrl,
    domNode: target,
    deepLinking: false,
    validatorUrl: null, // never send the document to swagger.io
    tryItOutEnabled: true,
    supportedSubmitMethods: ["get"],
    defaultModelsExpandDepth: 0,
    presets: [window.SwaggerUIBundle.presets.apis],
    // The page has its own title and introduction (one h1): Swagger UI's info block is left out.
    plugins: [function () { return { components: { InfoContainer: function () { return null; } } }; }],
    layout: "BaseLayout"
  });
})();
