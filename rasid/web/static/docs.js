/* The API docs page: Swagger UI vendored from npm (no CDN), reading this server's /openapi.json. */
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
