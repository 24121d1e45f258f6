#!/usr/bin/env bash
# update-screenshots.sh — retake the dashboard screenshots in docs/screenshots (README) with the
# browser test itself, over the development corpus (../shared/corpus) when it is present.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
eval "$(bash scripts/services-up.sh)"
export DATABASE_URL REDIS_URL
bash scripts/browser-up.sh
INTAKE_SCREENSHOT_DIR="$PWD/docs/screenshots" npx vitest run test/integration/dashboard-browser.test.ts
ls -l docs/screenshots
