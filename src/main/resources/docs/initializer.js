// Starts Swagger UI on this service's own API description. A file rather than an inline script, so that the
// page's Content-Security-Policy can forbid inline scripts. validatorUrl null: no badge from an outside validator.
// The schema files name each other under their $id base, which is no server: those references are read from this
// service's /schemas/ instead, as the page's policy allows.
window.addEventListener("load", function () {
  var schemaBase = "%SCHEMA_BASE%";
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: true,
    validatorUrl: null,
    displayRequestDuration: true,
    requestInterceptor: function (request) {
      if (request.url.indexOf(schemaBase) === 0) {
        request.url = "/schemas/" + request.url.substring(schemaBase.length);
      }
      return request;
    }
  });
});
