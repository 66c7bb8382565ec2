# syntax=docker/dockerfile:1
# Paperasse: JSON in, French administrative PDFs out.
#   docker build -t paperasse . && docker run --init -p 3000:3000 paperasse
# (--init reaps Chromium's child processes.)

# ---------------------------------------------------------------- build
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No project lifecycle script (prestart, pretest) runs here.
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# ---------------------------------------------------------------- runtime
FROM node:20-bookworm-slim AS runtime
# Chromium only: fonts ship in fonts/, and the pool gives Chromium a fontconfig file
# naming that folder alone, so the system fonts the package pulls in are never used.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium-headless-shell \
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
# `paperasse …` in the container: the launcher runs dist/edges/cli/main.js.
COPY bin ./bin
RUN ln -s /app/bin/paperasse.mjs /usr/local/bin/paperasse

USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
