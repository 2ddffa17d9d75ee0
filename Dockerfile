# Racedesk runs from its TypeScript sources (docs/adr/0001-run-typescript-with-tsx.md).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY core/package.json core/package.json
COPY test/package.json test/package.json
COPY plugins plugins
COPY scripts scripts
RUN npm ci --no-audit --no-fund
COPY . .
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:3000/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "core/bin/racedesk.js", "serve"]
