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

# The server runs as this script's child, and the script stays to stop it: a process manager may
# signal any one process of `npm start` (npm, its `sh -c`, this script or the server), and whichever
# it is, the server must stop. npm passes SIGTERM on to `sh -c`, which dies without passing it on,
# so the script also stops the server when its own parent is gone.
node node_modules/next/dist/bin/next start -p "${PORT:-3000}" &
server=$!
parent=$PPID
ticker=

parent_now() {
  if [ -r "/proc/$$/stat" ]; then
    local stat
    stat=$(<"/proc/$$/stat")
    stat=${stat##*) }
    set -- $stat
    echo "$2"
  else
    ps -o ppid= -p $$ | tr -d ' '
  fi
}

stop() {
  trap '' TERM INT HUP
  [ -z "$ticker" ] || kill "$ticker" 2>/dev/null || true
  kill -TERM "$server" 2>/dev/null || true
  # Next.js first lets open requests finish; after 7 s the server is ended.
  for _ in $(seq 70); do
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  exit 143
}
trap stop TERM INT HUP

while kill -0 "$server" 2>/dev/null; do
  [ "$(parent_now)" = "$parent" ] || stop
  sleep 1 &
  ticker=$!
  wait "$ticker" || true
  ticker=
done
wait "$server"
