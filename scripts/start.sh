#!/usr/bin/env bash
# Quick start: installs, builds when the sources changed, and serves Fourfold on
# http://localhost:3000 (PORT to change it), on the embedded engine unless SEI_BASE_URL is set.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
export NEXT_TELEMETRY_DISABLED=1
build_id=.next/BUILD_ID
if [ ! -f "$build_id" ] || [ -n "$(find app components lib public proxy.ts instrumentation.ts next.config.mjs package-lock.json tailwind.config.ts -newer "$build_id" -print -quit 2>/dev/null)" ]; then
  echo "› next build"
  npm run build
fi
# next-auth builds its URLs from NEXTAUTH_URL; default it to where this server listens.
export NEXTAUTH_URL="${NEXTAUTH_URL:-http://localhost:${PORT:-3000}}"
exec npx next start -p "${PORT:-3000}"
