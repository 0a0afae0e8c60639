#!/usr/bin/env bash
# The tests of the web side that need no browser: web/openapi.json against an OpenAPI 3.1
# validator and against the route table (tests/web/*.test.mjs, node's built-in runner).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -d web/node_modules/@seriousme/openapi-schema-validator ]]; then
  echo "web/node_modules is missing: run (cd web && npm ci) first" >&2
  exit 2
fi
if ! command -v node >/dev/null; then
  echo "node is missing: run scripts/install-deps.sh" >&2
  exit 2
fi
# Only the tests that need neither a browser nor a server; the browser journeys have their own
# scripts (scripts/test-browser.sh, scripts/test-admin-browser.sh).
exec node --test tests/web/openapi.test.mjs
