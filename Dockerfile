# One image for the API, the worker and the migrate/bootstrap jobs (different commands;
# see docker-compose.yml). Node 24 is the active LTS; the code also runs on Node 20.19+.
ARG NODE_VERSION=24
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
ENV SKIP_TEMPORAL_CLI=1
# Not `npm ci`: the lock file lacks other platforms' optional builds (e.g.
# @swc/core-darwin-arm64), which npm ci's completeness check refuses; `npm install` on an
# empty node_modules honours the lock for everything it does list (see .ci/run).
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build && node -e "require('./dist/libs/temporal/workflow-bundle').loadOrBundleWorkflows('dist/workflow-bundle.js')" && npm prune --omit=dev

FROM node:${NODE_VERSION}-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/main.js"]
