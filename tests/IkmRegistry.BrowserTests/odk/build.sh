#!/usr/bin/env bash
# Test only: installs ODK Web Forms from this folder's lock file and bundles it (with Vue) into dist/web-forms.js,
# the engine page OdkEngineTests fills the registry's XForm in. The app never serves it.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
if [ ! -f dist/web-forms.js ] || [ entry.js -nt dist/web-forms.js ] || [ package-lock.json -nt dist/web-forms.js ]; then
  npm run --silent build
fi
