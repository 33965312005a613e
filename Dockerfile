# Previewarr: trailers for Radarr and Sonarr libraries.
FROM node:24-bookworm-slim

# ffmpeg from Debian. yt-dlp: the service keeps its own copy of the official release in
# /config/bin current (YTDLP_UPDATES=stable, checksum-verified, at start and daily); the PyPI one
# below, with its optional dependencies, is only the fallback until that first download succeeds
# (a first start without network). YouTube also needs a JavaScript runtime: the image's own Node.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg python3 python3-pip ca-certificates \
 && python3 -m pip install --no-cache-dir --break-system-packages "yt-dlp[default]" \
 && apt-get purge -y python3-pip && apt-get autoremove -y \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
# postinstall repairs the postgres.js driver (see the script), so it must be there before npm ci.
COPY scripts/patch-postgres-driver.mjs ./scripts/
# The image already runs Node 24, so the `node` devDependency is not needed here.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY tsconfig.json ./
COPY src ./src
COPY views ./views
COPY migrations ./migrations
COPY docker/entrypoint.sh /usr/local/bin/previewarr-entrypoint
COPY docker/previewarr /usr/local/bin/previewarr

ENV NODE_ENV=production \
    DATA_DIR=/config \
    PORT=7880 \
    HOST=0.0.0.0 \
    PUID=1000 \
    PGID=1000 \
    UMASK=022 \
    YTDLP_PATH=yt-dlp \
    YTDLP_UPDATES=stable

VOLUME /config
EXPOSE 7880
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||7880)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"

ENTRYPOINT ["/usr/local/bin/previewarr-entrypoint"]
# A small young generation: module loading makes ~150 MB of short-lived garbage that V8 would
# otherwise keep as resident memory for the life of the process (see bench/RESULTS.md).
CMD ["node", "--max-semi-space-size=8", "--import", "tsx", "src/main.ts"]
