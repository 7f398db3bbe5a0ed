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

install_chromium() {
  command -v /usr/bin/chromium >/dev/null && return 0
  if [ "$(id -u)" -ne 0 ]; then echo "Chromium is missing: run 'sudo apt-get install chromium'"; return 1; fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
}

# The store's tests run on a real PostgreSQL too (tests/pg-global-setup.ts starts one from these programs).
install_postgresql() {
  [ -n "${FOURFOLD_TEST_DATABASE_URL:-}" ] && return 0
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && return 0
  if [ "$(id -u)" -ne 0 ]; then echo "PostgreSQL is missing: run 'sudo apt-get install postgresql'"; return 1; fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

step "install chromium (apt)" install_chromium
step "install postgresql (apt)" install_postgresql
step "install npm dependencies" bash scripts/ensure-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
step "lint" npx eslint --max-warnings=0 .
step "format (prettier)" npx prettier --check --log-level warn .
step "import rules (dependency-cruiser)" npx depcruise app components lib scripts proxy.ts instrumentation.ts --config .dependency-cruiser.cjs
step "typecheck" npx tsc --noEmit
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
