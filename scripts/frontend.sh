#!/usr/bin/env bash
# Installs the pinned front-end libraries from the npm registry and copies their dist files into wwwroot/lib.
# The app serves them itself: no page loads anything from a CDN.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

cd "$WEB"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi

lib="$WEB/wwwroot/lib"
rm -rf "$lib"
mkdir -p "$lib/bootstrap/css" "$lib/bootstrap/js" "$lib/chart.js" "$lib/leaflet/images"
cp node_modules/bootstrap/dist/css/bootstrap.min.css "$lib/bootstrap/css/"
cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js "$lib/bootstrap/js/"
cp node_modules/chart.js/dist/chart.umd.min.js "$lib/chart.js/"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$lib/leaflet/"
cp node_modules/leaflet/dist/images/* "$lib/leaflet/images/"
for license in bootstrap chart.js leaflet; do
  cp "node_modules/$license/LICENSE"* "$lib/$license/" 2>/dev/null || true
done
log "Pustaka front-end disalin ke wwwroot/lib"
