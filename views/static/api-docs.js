// Starts Swagger UI on the API page (no inline scripts: the CSP allows scripts from this origin
// only). The document's address comes from the page, so it follows URL_BASE.
(() => {
  'use strict';
  const documentUrl = document.getElementById('openapi-document')?.getAttribute('href');
  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  window.SwaggerUIBundle({
    url: documentUrl,
    dom_id: '#swagger-ui',
    deepLinking: true,
    tryItOutEnabled: false,
    // A signed-in session may change things only with its CSRF token, like every other page.
    requestInterceptor: (request) => {
      if (csrfToken) request.headers['X-CSRF-Token'] = csrfToken;
      return request;
    },
  });
})();
