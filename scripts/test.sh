#!/usr/bin/env bash
# Runs every check and test: lint, format, the import rules, typecheck, unit and request-level tests
# (vitest), the production build, and the browser tests (Playwright in Debian's Chromium). Installs what it needs.
# Prints each step's time; the last line totals every test runner as `N passed, M failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CI="${CI:-true}"
mkdir -p .tmp
rm -f .tmp/vitest.json .tmp/vitest-postgres.json .tmp/vitest-bundle.json .tmp/playwright.json
failed_steps=()
started=$(date +%s)

step() {
  local name=$1; shift
  local t0=$(date +%s)
  echo "━━ $name"
  if "$@"; then local rc=0; else local rc=$?; fi
  local dt=$(( $(date +%s) - t0 ))
  echo "━━ $name: $([ $rc -eq 0 ] && echo ok || echo "FAILED ($rc)") in ${dt}s"
  [ $rc -eq 0 ] || failed_steps+=("$name")
  return $rc
}

# System packages: Chromium for the browser tests, PostgreSQL for the store's tests on PostgreSQL.
# apt runs in the background while npm installs, so a fresh machine waits for the slower of the two.
system_packages() {
  local want=()
  command -v /usr/bin/chromium >/dev/null || want+=(chromium)
  if [ -z "${FOURFOLD_TEST_DATABASE_URL:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    want+=(postgresql)
  fi
  [ ${#want[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then echo "Missing: ${want[*]}; run 'sudo apt-get install ${want[*]}'"; return 1; fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want[@]}" >/dev/null
}
system_packages > .tmp/apt.log 2>&1 &
apt_pid=$!
wait_system_packages() {
  local rc=0
  wait "$apt_pid" || rc=$?
  cat .tmp/apt.log
  return $rc
}

step "install npm dependencies" bash scripts/ensure-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
step "install chromium and postgresql (apt)" wait_system_packages
# Steps that read the sources and write nothing, side by side: each prints its output and time after
# all are done, in this order.
together() {
  local names=() pids=() i=0
  while [ $# -gt 0 ]; do
    names+=("$1"); shift
    local cmd=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do cmd+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    ( t0=$(date +%s); "${cmd[@]}" > ".tmp/together-$i.log" 2>&1; rc=$?; echo "$rc $(( $(date +%s) - t0 ))" > ".tmp/together-$i.rc" ) &
    pids+=($!); i=$((i + 1))
  done
  wait "${pids[@]}"
  for i in "${!names[@]}"; do
    read -r rc dt < ".tmp/together-$i.rc"
    echo "━━ ${names[$i]}"
    cat ".tmp/together-$i.log"
    echo "━━ ${names[$i]}: $([ "$rc" -eq 0 ] && echo ok || echo "FAILED ($rc)") in ${dt}s (side by side)"
    [ "$rc" -eq 0 ] || failed_steps+=("${names[$i]}")
  done
}
together "lint" npx eslint --max-warnings=0 . -- \
  "format (prettier)" npx prettier --check --log-level warn . -- \
  "import rules (dependency-cruiser)" npx depcruise app components lib scripts proxy.ts instrumentation.ts --config .dependency-cruiser.cjs -- \
  "typecheck" npx tsc --noEmit
step "unit and request-level tests (vitest)" npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json
# The suites that open a store (store, engine, accounts, request-level), again, each store a fresh
# PostgreSQL database (docs/deploy.md, "Tests").
pg_suites=(lib/auth/identities.test.ts lib/auth/sessions.test.ts lib/engine/dataset.test.ts lib/engine/facts.test.ts
  lib/engine/figure-records.test.ts lib/engine/project-records.test.ts lib/engine/record-links.test.ts
  lib/engine/ingest/service.test.ts lib/engine/ingest/teams.test.ts tests/engine-api tests/proxy tests/sources)
FOURFOLD_TEST_STORE=postgres step "store, engine and request-level tests on PostgreSQL (vitest)" \
  npx vitest run "${pg_suites[@]}" --reporter=default --reporter=json --outputFile.json=.tmp/vitest-postgres.json
# The build is made with a Harness key configured, so the bundle check can prove it never reaches the browser.
bundle_key="sei-bundle-sentinel-$(node -e 'process.stdout.write(require("crypto").randomBytes(12).toString("hex"))')"
build() {
  SEI_BASE_URL=https://sei.invalid/prod1/sei/api SEI_API_KEY="$bundle_key" SEI_ORG_IDENTIFIER=ci SEI_PROJECT_IDENTIFIER=ci npm run build
}
if step "production build" build; then
  FOURFOLD_BUNDLE_KEY="$bundle_key" step "client bundle holds no key (vitest)" \
    npx vitest run tests/proxy/key-leak.test.ts -t "client bundle" --reporter=default --reporter=json --outputFile.json=.tmp/vitest-bundle.json
  PLAYWRIGHT_JSON_OUTPUT_NAME=.tmp/playwright.json step "browser tests (playwright)" npx playwright test --reporter=list,json
fi

echo "━━ total time: $(( $(date +%s) - started ))s"
[ ${#failed_steps[@]} -eq 0 ] || echo "failed steps: ${failed_steps[*]}"
node scripts/test-totals.mjs "${#failed_steps[@]}"
[ ${#failed_steps[@]} -eq 0 ]
