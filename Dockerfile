# syntax=docker/dockerfile:1.7
# Ratsinfo images (issue 11, deploy/README.md). One file, three stages that end in an image:
#   docker build --target api    -t ratsinfo-api .     # API + built web app + migrations (the migration job)
#   docker build --target worker -t ratsinfo-worker .  # worker + poppler + Tesseract (German)
# Both run as uid/gid 1000 (the image's `node` user), need no write access to their root file
# system (only /tmp and, for the local file store, /data/files), and carry no secrets: every
# credential comes from the environment at run time (deploy/compose/.env.example, k8s Secrets).
ARG NODE_IMAGE=node:24-slim

# ---- build: the whole workspace; api, worker (NODE_ENV=production) and web (production) builds ----
FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true
COPY package.json package-lock.json .nvmrc ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY . .
# The Prisma client is generated into libs/api/database/src/generated and bundled into main.js.
RUN bash tools/scripts/prisma.sh generate \
 && npx nx run-many -t build -p api worker web --outputStyle=stream --parallel=1

# ---- prod-deps: exactly the root lock's production dependencies, no install scripts ------------
# main.js keeps node_modules external (webpack target node). dist/apps/*/package.json lacks
# @prisma/client and tslib, which main.js requires, so the root lock is the source of truth:
# its `dependencies` hold everything main.js loads (tslib via rxjs), and no devDependency.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error \
 && npm cache clean --force

# ---- runtime base ------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    FILE_STORAGE_DIR=/data/files \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
# Owned by root and read-only for the app user: the app writes only to /tmp and /data/files.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json ./
RUN mkdir -p /data/files && chown 1000:1000 /data/files
VOLUME ["/data/files"]
STOPSIGNAL SIGTERM

# ---- api: HTTP API, the built web app, and the migration runner --------------------------------
FROM runtime AS api
# The heap's bounds: V8 sizes both generations from the machine's memory and lets them grow under
# load before collecting (on 24 GB: a 128 MB young generation alone). 256 MB old and 16 MB
# semi-spaces took the peak RSS of the heaviest 48-second bench mix from 468 to 373 MB; the full
# bench run still peaks at ~485 MB with the response cache (PUBLIC_CACHE_MAX_BYTES, 64 MiB of
# buffers outside the heap). npm run bench measures the API with the same settings
# (docs/benchmarks.md). MALLOC_ARENA_MAX=2: glibc otherwise keeps an allocator arena per thread
# (libuv's pool included): −20 MB peak in a 48-second mix of the heaviest bench scenarios, no
# change in the full bench run's peak (docs/benchmarks.md).
ENV WEB_DIST_DIR=/app/web NODE_OPTIONS="--max-old-space-size=256 --max-semi-space-size=16" MALLOC_ARENA_MAX=2
COPY --from=build /src/dist/apps/api/main.js /src/dist/apps/api/main.js.map ./
COPY --from=build /src/dist/apps/web/browser ./web
# The migration job runs `node tools/db/migrate.mts` (type stripping, only `pg` needed).
COPY --from=build /src/tools/db/migrate.mts ./tools/db/migrate.mts
COPY --from=build /src/prisma/migrations ./prisma/migrations
USER 1000:1000
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--enable-source-maps", "main.js"]

# ---- worker: jobs (mail, text extraction, bundles, exports) ------------------------------------
FROM runtime AS worker
# What libs/api/extraction runs: pdftotext/pdftoppm (poppler) and Tesseract with German.
RUN apt-get update \
 && apt-get install -y --no-install-recommends poppler-utils tesseract-ocr tesseract-ocr-deu \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/dist/apps/worker/main.js /src/dist/apps/worker/main.js.map ./
ENV WORKER_METRICS_PORT=9464
USER 1000:1000
EXPOSE 9464
CMD ["node", "--enable-source-maps", "main.js"]
