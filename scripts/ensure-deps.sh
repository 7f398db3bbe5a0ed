#!/usr/bin/env bash
# Installs the npm dependencies when node_modules is missing or older than the lock file.
# better-sqlite3 builds from source against this machine's Node headers (.npmrc: nodedir=/usr).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 npm_config_nodedir="${npm_config_nodedir:-/usr}"
stamp=node_modules/.fourfold-installed
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  echo "› npm ci"
  npm ci --no-audit --no-fund
  touch "$stamp"
fi
