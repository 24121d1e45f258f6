# syntax=docker/dockerfile:1
# One image for every role: `docker run IMAGE start|poller|worker|migrate|import|extract`.
# Stage 1 compiles TypeScript with the dev dependencies; stage 2 installs production
# dependencies only; the runtime stage copies both and runs as an unprivileged user.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workers ./workers
RUN npm run build

FROM node:20-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
# Reading stamped scans (src/scan/): OCR with Simplified Chinese, and poppler to draw PDF pages.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-chi-sim poppler-utils \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    INTAKE_USE_DIST=1 \
    STORAGE_DIR=/data/store
WORKDIR /app
RUN groupadd --system intake \
 && useradd --system --gid intake --home-dir /app --shell /usr/sbin/nologin intake \
 && mkdir -p /data/store && chown -R intake:intake /data
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
# migrate.js finds migrations/ beside package.json, from dist/ as from the sources.
COPY migrations ./migrations
COPY templates ./templates
USER intake
VOLUME ["/data/store"]
# The dashboard (intake web / intake start; WEB_HOST=0.0.0.0 in a container).
EXPOSE 8080
ENTRYPOINT ["node", "bin/intake.js"]
CMD ["start"]
