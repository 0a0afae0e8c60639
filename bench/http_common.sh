# Shared by bench/http_nearby.sh and bench/http_checkins.sh (sourced, not run).
#   BUILD   the build directory with src/yizhan and tools/gen-national-stations (default build/release)
#   WORK    scratch directory (default a fresh mktemp -d, removed at exit unless KEEP_WORK=1)

BUILD=${BUILD:-build/release}
YIZHAN="$BUILD/src/yizhan"
GEN="$BUILD/tools/gen-national-stations"
for exe in "$YIZHAN" "$GEN"; do
  [ -x "$exe" ] || { echo "missing $exe: build it first (cmake --preset release && cmake --build --preset release)" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk (scripts/install-deps.sh)" >&2; exit 1; }

WORK=${WORK:-$(mktemp -d /tmp/yizhan-bench-XXXXXX)}
mkdir -p "$WORK"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; fi
  [ "${KEEP_WORK:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

# The 200,000-station national registry (deterministic: default seed), imported into DIR.
import_national_registry() {
  local dir=$1
  rm -rf "$dir"
  [ -f "$WORK/national.csv" ] || "$GEN" --count 200000 -o "$WORK/national.csv"
  "$YIZHAN" import stations "$WORK/national.csv" --data "$dir" >"$WORK/import.log" 2>&1 \
    || { cat "$WORK/import.log" >&2; exit 1; }
}

# start_server DATA_DIR ACCESS_LOG_FILE [serve flags…]: sets SERVER_PID and SERVER_PORT.
start_server() {
  local data=$1 access_log=$2
  shift 2
  SERVER_STARTS=$(( ${SERVER_STARTS:-0} + 1 ))
  local err="$WORK/server-stderr-$SERVER_STARTS.txt"  # a new file: no stale port from the last server
  rm -f "$err"
  "$YIZHAN" serve --data "$data" --listen 127.0.0.1:0 --no-rate-limit "$@" >"$access_log" 2>"$err" &
  SERVER_PID=$!
  SERVER_PORT=""
  for _ in $(seq 1 600); do
    SERVER_PORT=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$err" 2>/dev/null || true)
    [ -n "$SERVER_PORT" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "the server did not start:" >&2
  cat "$err" >&2
  exit 1
}

stop_server() {
  kill "$SERVER_PID" && wait "$SERVER_PID" || true
  SERVER_PID=""
}

# run_wrk LUA_SCRIPT [wrk flags…]: one wrk run against the server; prints its RESULT line.
run_wrk() {
  local script=$1
  shift
  wrk --latency -s "$script" "$@" "http://127.0.0.1:$SERVER_PORT" | grep '^RESULT'
}

# field NAME "RESULT …": the value of NAME=… in a RESULT line.
field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p" <<<"$2"; }

# median A B C …
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

# wrk_options DEFAULT_CONNECTIONS: the options both HTTP benchmarks take from the environment —
# DURATION (seconds per wrk run, default 10), CONNECTIONS, THREADS (wrk threads, default 1 so
# that the server gets the cores), ROUNDS (default 3) — and WRK_FLAGS built from them.
wrk_options() {
  DURATION=${DURATION:-10}
  CONNECTIONS=${CONNECTIONS:-$1}
  THREADS=${THREADS:-1}
  ROUNDS=${ROUNDS:-3}
  WRK_FLAGS=(-t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s")
}
