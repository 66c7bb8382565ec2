# syntax=docker/dockerfile:1
# Paperasse: JSON in, French administrative PDFs out.
#   docker build -t paperasse . && docker run -p 3000:3000 paperasse
# Node 24, the current LTS (Node 20 reached its end of life in April 2026); CI runs the tests
# on this same major (.ci/run). Debian 12 (bookworm), the Debian the tests run on.

# ---------------------------------------------------------------- build
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No project lifecycle script (prestart, pretest) runs here.
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# ---------------------------------------------------------------- runtime
FROM node:24-bookworm-slim AS runtime
# Chromium's headless shell (what scripts/setup.mjs installs; it prints about twice as fast as
# full chromium) and tini, PID 1: it forwards SIGTERM to Node (graceful shutdown) and reaps
# Chromium's exited children, so no `docker run --init` is needed.
# Fonts: the ones that print ship in fonts/, and the pool gives Chromium a fontconfig file naming
# that folder alone, so the system fonts the package pulls in are never used.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
       chromium-headless-shell tini \
    && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production \
    CHROMIUM_PATH=/usr/bin/chromium-headless-shell \
    PORT=3000
WORKDIR /app

COPY package.json package-lock.json ./
# Production dependencies only; --ignore-scripts: no lifecycle script of ours or of
# a dependency runs (none of the production dependencies has an install script: sharp's
# libvips comes prebuilt in its optional @img/sharp-linux-* packages, for glibc as here).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
    && npm cache clean --force

COPY --from=build /app/dist ./dist
COPY templates ./templates
COPY fonts ./fonts
# The samples give the model spreadsheets their example row (GET /v1/batch/{id}/template.csv).
COPY samples/*.json ./samples/
# An operator's legal values file to start from (LEGAL_VALUES_FILE, see README).
COPY examples ./examples
# `paperasse …` in the container: the launcher runs dist/edges/cli/main.js.
COPY bin ./bin
RUN ln -s /app/bin/paperasse.mjs /usr/local/bin/paperasse

# With REDIS_URL, the results' folder the API and the workers share (JOBS_STORE_DIR in
# docker-compose.yml): made here for `node`, so that a named volume mounted on it is node's too.
RUN mkdir -p /var/lib/paperasse/jobs && chown node:node /var/lib/paperasse/jobs \
    && chmod 700 /var/lib/paperasse/jobs

# Not root: the image's `node` user (uid 1000) owns nothing it could rewrite in /app.
USER node
EXPOSE 3000
# Liveness only (/livez: the process answers); /readyz, which says whether Chromium can render
# and the queue has room, is for the orchestrator's routing. No curl in the image: Node's fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/livez').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# The API; a job worker is the same image with `node dist/edges/cli/main.js worker`.
CMD ["node", "dist/main.js"]
