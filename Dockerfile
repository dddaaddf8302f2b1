# visasim with Node 20 on Debian 12 (bookworm), and Debian's Chromium for the browser test of
# report.html. Build:   docker build -t visasim:0.1.0 .
# Run:     docker run --rm -v "$PWD/output:/opt/visasim/output" visasim:0.1.0 run scenarios/us-300k-work-visas.yaml
# The cluster recipes in docs/recipes/ use this image (its WORKDIR holds scenarios/).
FROM node:20-bookworm-slim

RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium ca-certificates \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/visasim

# Dependencies first, from the lockfile, so this layer is reused until package-lock.json changes.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

# Then the sources: build dist/, drop the development dependencies, put the bin on PATH.
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && ln -s /opt/visasim/dist/bin/visasim.js /usr/local/bin/visasim \
 && visasim --version

ENTRYPOINT ["visasim"]
CMD ["--help"]
