# syntax=docker/dockerfile:1
# One image for every process: the API (default CMD), the worker and the one-shot migration.

# ---- build: install with dev dependencies, compile both apps, then drop dev dependencies
FROM node:20-bookworm-slim AS build
WORKDIR /app

# Dependencies first so this layer is cached until package.json or the lockfile changes.
# `npm install`, not `npm ci`: the lockfile lacks non-Linux optional native builds and
# `npm ci` calls it out of sync; `npm install` honours the lockfile (see README).
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund

COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: compiled code and production dependencies only, as the unprivileged `node` user
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
# A heap of 256 MB: V8 collects before the process grows (imports stay well under 400 MB; see bench:import).
ENV NODE_OPTIONS=--max-old-space-size=256
WORKDIR /app

COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist

USER node

# 3000: API (PORT), 3001: worker health endpoint (WORKER_HEALTH_PORT)
EXPOSE 3000 3001

# Worker:    node dist/apps/worker/apps/worker/src/main.js
# Migration: node dist/apps/api/apps/api/src/migrate.js
# The API without V8's allocation-site pretenuring: it put request objects straight into the old generation, which
# then ran a full collection every second under load; and with a young generation of 8 MB semi-spaces from the
# start, which V8 otherwise shrinks to 1 MB after a full collection while idle and regrows only slowly under load,
# and never more than 8 MB, which V8 otherwise grows to 16 MB (202-207 MB peak RSS in a 1M-row import; see
# bench/support.ts API_FLAGS). NODE_OPTIONS cannot carry either flag.
CMD ["node", "--no-allocation-site-pretenuring", "--min-semi-space-size=8", "--max-semi-space-size=8", "dist/apps/api/apps/api/src/main.js"]
