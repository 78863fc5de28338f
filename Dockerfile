# syntax=docker/dockerfile:1
# migraine-cds image: a build stage (npm ci, npm run build -> dist/), the production dependencies alone, and a slim
# Node 20 runtime that runs `node dist/main.js` as the unprivileged `node` user. docs/deployment.md explains the
# variables; compose.yaml runs two of these behind HAProxy.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS production-deps
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: no production dependency builds anything native.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/var/lib/migraine-cds
WORKDIR /app
COPY --from=production-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The embedded store's directory (used only when DATABASE_URL is unset), writable by the service user alone.
RUN mkdir -p /var/lib/migraine-cds && chown node:node /var/lib/migraine-cds
USER node
EXPOSE 8080
# Liveness (/healthz): the process answers. Routing decisions use /readyz (store and replay store reachable), which
# the load balancer checks (deploy/haproxy.cfg); a database outage must not mark every container unhealthy.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
# node is PID 1, so the runtime's SIGTERM reaches the service's own handler (drain, flush, exit) with no npm in
# between. The flags are SERVICE_NODE_FLAGS (src/runtime-flags.ts), as `npm start` passes them.
CMD ["node", "--max-semi-space-size=32", "--no-allocation-site-pretenuring", "dist/main.js"]
