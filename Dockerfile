# One image for the API and the worker (different commands; see docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
ENV SKIP_TEMPORAL_CLI=1
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && node -e "require('./dist/libs/temporal/workflow-bundle').loadOrBundleWorkflows('dist/workflow-bundle.js')" && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/main.js"]
