#!/usr/bin/env bash
# The console's browser journey (tests/web/admin_journey.test.mjs) in Debian's Chromium through
# playwright-core. Uses the yizhan binary of YIZHAN_BINARY (default build/release/src/yizhan).
# Screenshots and the plaque go to test-artifacts/admin/; the upkeep journey (report → ticket →
# fixed → confirmed) to test-artifacts/upkeep/; star grading (run → approved → seen by workers) to
# test-artifacts/grading/.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -d web/node_modules/playwright-core ]]; then
  echo "web/node_modules is missing: run scripts/install-deps.sh (npm ci in web/) first" >&2
  exit 2
fi
for tool in node pdftotext pdftoppm zbarimg /usr/bin/chromium; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: run scripts/install-deps.sh" >&2; exit 2; }
done
export YIZHAN_BINARY="${YIZHAN_BINARY:-build/release/src/yizhan}"
exec node --test --test-concurrency=1 tests/web/admin_journey.test.mjs tests/web/accounts_journey.test.mjs \
  tests/web/upkeep_journey.test.mjs tests/web/grading_journey.test.mjs tests/web/duty_journey.test.mjs
