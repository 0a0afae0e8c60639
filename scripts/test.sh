#!/usr/bin/env bash
# The README's second command (and what .ci/run runs): install, build, and run every test —
# the optimised build's full suite on SQLite and a throwaway PostgreSQL; the same suites again
# under AddressSanitizer + UndefinedBehaviorSanitizer, the server binary that the HTTP tests start
# included (the planning suite is left to the optimised build: its solver runs are long under the
# sanitizers); the web tests (OpenAPI) and the browser journeys of the workers' pages and the
# console in Chromium; and the request fuzzer briefly (20 s; scripts/fuzz.sh SECONDS runs it longer
# on demand).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash scripts/install-deps.sh

echo "== format (clang-format, the folders scripts/check-format.sh lists)"
bash scripts/check-format.sh

echo "== build (release)"
cmake --preset release >/dev/null
cmake --build --preset release

echo "== build (asan + ubsan: unit tests, and the server with the tests that talk HTTP to it)"
cmake --preset asan >/dev/null
cmake --build --preset asan --target core_tests domain_tests storage_tests http_tests app_tests gateways_tests yizhan

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/scripts/lsan.supp

echo "== tests (release, SQLite + PostgreSQL)"
bash scripts/with-postgres.sh ctest --preset release --output-on-failure
echo "== tests (asan + ubsan)"
bash scripts/with-postgres.sh ctest --preset asan --output-on-failure \
  -R '^(core_tests|domain_tests|storage_tests|http_tests|app_tests|gateways_tests)$'
echo "== web tests (OpenAPI document against a validator and the route table)"
bash scripts/test-web.sh
echo "== browser journeys in Chromium (screenshots in test-artifacts/)"
bash scripts/test-browser.sh
bash scripts/test-admin-browser.sh
echo "== fuzz: raw requests through the route table (libFuzzer, ASan + UBSan, 20 s)"
bash scripts/fuzz.sh 20
echo "== all tests passed in $(( $(date +%s) - start )) s"
