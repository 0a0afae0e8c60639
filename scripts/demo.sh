#!/usr/bin/env bash
# The README's first command: install what is missing, build, and serve the demonstration city
# (Shouguang) on the embedded store at http://127.0.0.1:8080/ . Extra arguments go to `serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target yizhan
exec ./build/release/src/yizhan serve --demo --data ./data "$@"
