#!/usr/bin/env bash
# test.sh — THE test command (README Quick start, .ci/run): dependencies, services, type check, lint, format,
# vitest (unit + integration against real PostgreSQL, Redis and Dovecot), and a last line
# `N passed, N failed`. Exits non-zero on any failure, and also when no test ran at all.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
started=$(date +%s)
log() { echo "[test] $*" >&2; }

# 1. Dependencies: npm ci when node_modules is missing or older than the lock file.
if [[ ! -d node_modules || ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  log "installing dependencies (npm ci)…"
  npm ci --no-audit --no-fund --loglevel=error || { echo "0 passed, 1 failed"; exit 1; }
fi

# 2. Services: PostgreSQL and Redis (started only if they do not answer) and the test Dovecot.
exports=$(bash scripts/services-up.sh) || { log "could not start the services"; echo "0 passed, 1 failed"; exit 1; }
eval "$exports"
export DATABASE_URL REDIS_URL
# The browser test drives Debian's Chromium (apt-installed here when missing).
bash scripts/browser-up.sh || { log "could not install Chromium for the browser test"; echo "0 passed, 1 failed"; exit 1; }
# Reading stamped scans needs Debian's tesseract (+ Simplified Chinese) and poppler (apt-installed here when missing).
bash scripts/ocr-up.sh || { log "could not install the OCR packages for the scan tests"; echo "0 passed, 1 failed"; exit 1; }

# 3. Static checks, each counted as one check so a failure fails the run even if every test
#    passes: the type check, ESLint, and Prettier's formatting check.
checks_passed=0
failed_checks=0
check() {
  local name=$1; shift
  log "$name…"
  if "$@"; then checks_passed=$((checks_passed + 1)); else failed_checks=$((failed_checks + 1)); log "$name FAILED"; fi
}
check "type check (tsc --noEmit)" npx tsc --noEmit -p tsconfig.json
check "lint (eslint)" npx eslint --max-warnings 0 .
check "format (prettier --check)" npx prettier --check --log-level warn .

# 4. vitest: unit + integration (+ the corpus score test where ../shared exists).
report=$(mktemp /tmp/intake-vitest.XXXXXX.json)
log "vitest…"
npx vitest run --reporter=default --reporter=json --outputFile.json="$report"
vitest_rc=$?

# 5. Summary line, parsed from vitest's JSON report (files that failed to load count as failures).
summary=$(node scripts/vitest-summary.mjs "$report" "$checks_passed" "$failed_checks") || summary="0 passed, 1 failed"
rm -f "$report"
log "finished in $(( $(date +%s) - started )) s (vitest exit $vitest_rc)"
echo "$summary"
read -r passed _ failed _ <<<"${summary//,/}"
if [[ "$vitest_rc" != 0 || "$failed" != 0 || "$passed" == 0 ]]; then
  [[ "$passed" == 0 ]] && log "no test passed: treating the run as failed"
  exit 1
fi
exit 0
