/**
 * The /docs page: swagger-ui from the npm package, served by us, with no inline script or style
 * (the page's CSP allows only 'self'), no CDN and no web font, so it works offline.
 */
export const DOCS_PATH = '/docs';
export const SPEC_PATH = '/openapi.json';

/** Only 'self' (and data: images: swagger-ui's icons are data: SVGs in its stylesheet). */
export const DOCS_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; form-action 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'";

/** The files of swagger-ui-dist the page needs, and nothing else of the package. */
export const DOCS_ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

export const DOCS_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Paperasse — API</title>
    <link rel="icon" type="image/png" href="${DOCS_PATH}/favicon-32x32.png">
    <link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <noscript>This page needs JavaScript; the contract itself is at <a href="${SPEC_PATH}">${SPEC_PATH}</a>.</noscript>
    <script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
    <script src="${DOCS_PATH}/init.js"></script>
  </body>
</html>
`;

/**
 * Served as a file, not inline. BaseLayout: no top bar asking for another spec's URL; no
 * validator badge (it would call validator.swagger.io).
 */
export const DOCS_INIT_JS = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '${SPEC_PATH}',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;
