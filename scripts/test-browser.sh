#!/usr/bin/env bash
# Browser tests of the worker pages: Debian's Chromium driven by playwright-core through a
# worker's whole journey (tests/web/worker_journey.test.mjs) and a person's sign-in by phone, their
# page and its deletion (tests/web/people_journey.test.mjs). Screenshots of every step go to
# test-artifacts/web/. The server binary is $YIZHAN_BINARY (default build/release/src/yizhan).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "test-browser: $*" >&2; exit 1; }

[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing: install Debian's chromium package (scripts/install-deps.sh). Never 'npx playwright install'."
command -v node >/dev/null || fail "node is missing (scripts/install-deps.sh)"
[ -d web/node_modules/playwright-core ] || fail "web/node_modules/playwright-core is missing: run scripts/install-deps.sh (npm ci in web/)"
export YIZHAN_BINARY="${YIZHAN_BINARY:-build/release/src/yizhan}"
[ -x "$YIZHAN_BINARY" ] || fail "no yizhan binary at $YIZHAN_BINARY: build it first (cmake --preset release && cmake --build --preset release) or set YIZHAN_BINARY"

exec node --test --test-concurrency=1 tests/web/worker_journey.test.mjs tests/web/people_journey.test.mjs
