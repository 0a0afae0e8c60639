#!/usr/bin/env bash
# The long kill test (issue 3, item 7): the test suite's KillTest with 50 rounds instead of 4.
# Each round starts `yizhan serve --demo --no-rate-limit` on the same data directory, posts
# check-ins from 16 client threads, and kills the server with SIGKILL after a random 200–800 ms;
# at the end every acknowledged check-in must be in the database and PRAGMA integrity_check ok.
#
#   bench/kill_bench.sh                          # 50 rounds, build/release
#   ROUNDS=200 BUILD=build/h-bench bench/kill_bench.sh
#
# Needs the app_tests and yizhan targets built in BUILD. Takes about 1–2 s per round.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build/release}
for exe in "$BUILD/tests/app_tests" "$BUILD/src/yizhan"; do
  [ -x "$exe" ] || { echo "missing $exe: build app_tests and yizhan in $BUILD first" >&2; exit 1; }
done
YIZHAN_KILL_ROUNDS=${ROUNDS:-50} YIZHAN_BINARY="$BUILD/src/yizhan" \
  "$BUILD/tests/app_tests" --gtest_filter='KillTest.*'
