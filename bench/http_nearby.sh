#!/usr/bin/env bash
# HTTP benchmark of the read hot path (issue 3): /api/v1/stations/nearby against /healthz of the
# same server, in the same run, on the 200,000-station national registry.
#
#   bench/http_nearby.sh                        # uses build/release
#   BUILD=build/h-bench bench/http_nearby.sh    # another build directory
#
# What it does: generates the registry (tools/gen-national-stations --count 200000, default seed:
# deterministic), imports it into a fresh data directory, starts `yizhan serve --no-rate-limit
# --no-access-log` on a free loopback port and drives it with wrk from this second process
# (bench/http_nearby.lua: random points within ~10 km of the generator's cities, fixed seeds).
# ROUNDS rounds (default 3) of [/healthz, nearby] (the order alternates from round to round),
# each wrk run DURATION seconds (default 10) with CONNECTIONS keep-alive connections (default 32)
# on THREADS wrk threads (default 1: the server gets the cores); then ROUNDS nearby runs against
# the same server with the access log on (written to a file). Prints requests/s, p50 and p99 latency per run and the medians, the nearby/healthz ratio
# (goal ≥ 0.7) and the access log's cost, and the search snapshot's memory per station
# (/metrics yizhan_snapshot_bytes / yizhan_snapshot_stations) and of the precomputed answer
# fragments (yizhan_nearby_fragment_bytes).
# Environment: BUILD, WORK, KEEP_WORK (see bench/http_common.sh), DURATION, CONNECTIONS, THREADS, ROUNDS.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/http_common.sh

wrk_options 32

echo "== registry: 200,000 stations (gen-national-stations, default seed) → $WORK/data"
import_national_registry "$WORK/data"
# The city centres and weights the generator draws from, for the Lua script.
grep -o '{"[^"]*", *"[0-9]*", *[0-9.]*, *[0-9.]*, *[0-9]*}' tools/gen_national_stations.cpp \
  | sed 's/.*", *\([0-9.]*\), *\([0-9.]*\), *\([0-9]*\)}/\1 \2 \3/' >"$WORK/cities.txt"
export YZ_CITIES="$WORK/cities.txt"
echo "   $(wc -l <"$WORK/cities.txt") cities"

start_server "$WORK/data" /dev/null --no-access-log
echo "== server on port $SERVER_PORT (no access log); wrk ${WRK_FLAGS[*]}"
metrics=$(curl -s "http://127.0.0.1:$SERVER_PORT/metrics")
snapshot_bytes=$(awk '$1=="yizhan_snapshot_bytes"{print $2}' <<<"$metrics")
snapshot_stations=$(awk '$1=="yizhan_snapshot_stations"{print $2}' <<<"$metrics")
fragment_bytes=$(awk '$1=="yizhan_nearby_fragment_bytes"{print $2}' <<<"$metrics")
sample=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$SERVER_PORT/api/v1/stations/nearby?lat=39.9&lng=116.4")
[ "$sample" = 200 ] || { echo "nearby answered $sample" >&2; exit 1; }
YZ_TARGET=nearby run_wrk bench/http_nearby.lua -t1 -c8 -d2s >/dev/null  # warm-up

declare -a health_rps nearby_rps health_p99 nearby_p99 ratios
for round in $(seq 1 "$ROUNDS"); do
  # Odd rounds run /healthz first, even rounds nearby first, so that a drift in the host's load
  # does not favour one of the two.
  if (( round % 2 )); then
    h=$(YZ_TARGET=healthz run_wrk bench/http_nearby.lua "${WRK_FLAGS[@]}")
    n=$(YZ_TARGET=nearby run_wrk bench/http_nearby.lua "${WRK_FLAGS[@]}")
  else
    n=$(YZ_TARGET=nearby run_wrk bench/http_nearby.lua "${WRK_FLAGS[@]}")
    h=$(YZ_TARGET=healthz run_wrk bench/http_nearby.lua "${WRK_FLAGS[@]}")
  fi
  for r in "$h" "$n"; do
    if [ "$(field non2xx "$r")" != 0 ] || [ "$(field errors "$r")" != 0 ]; then echo "failed requests: $r" >&2; exit 1; fi
  done
  health_rps+=("$(field rps "$h")"); nearby_rps+=("$(field rps "$n")")
  health_p99+=("$(field p99_us "$h")"); nearby_p99+=("$(field p99_us "$n")")
  ratio=$(awk -v a="$(field rps "$n")" -v b="$(field rps "$h")" 'BEGIN{printf "%.3f", a/b}')
  ratios+=("$ratio")
  printf 'round %d  healthz %9.0f req/s  p50 %5d µs  p99 %6d µs | nearby %9.0f req/s  p50 %5d µs  p99 %6d µs | ratio %s\n' \
    "$round" "$(field rps "$h")" "$(field p50_us "$h")" "$(field p99_us "$h")" \
    "$(field rps "$n")" "$(field p50_us "$n")" "$(field p99_us "$n")" "$ratio"
done
stop_server

start_server "$WORK/data" "$WORK/access.log"
echo "== the same with the access log on (to a file)"
YZ_TARGET=nearby run_wrk bench/http_nearby.lua -t1 -c8 -d2s >/dev/null
declare -a logged_rps logged_p99
for round in $(seq 1 "$ROUNDS"); do
  n=$(YZ_TARGET=nearby run_wrk bench/http_nearby.lua "${WRK_FLAGS[@]}")
  logged_rps+=("$(field rps "$n")"); logged_p99+=("$(field p99_us "$n")")
  printf 'round %d  nearby (access log) %9.0f req/s  p50 %5d µs  p99 %6d µs\n' \
    "$round" "$(field rps "$n")" "$(field p50_us "$n")" "$(field p99_us "$n")"
done
stop_server
log_lines=$(wc -l <"$WORK/access.log")

m_h=$(median "${health_rps[@]}"); m_n=$(median "${nearby_rps[@]}"); m_l=$(median "${logged_rps[@]}")
m_ratio=$(median "${ratios[@]}")
echo "== medians of $ROUNDS runs"
printf 'healthz                 %9.0f req/s  p99 %6s µs\n' "$m_h" "$(median "${health_p99[@]}")"
printf 'nearby                  %9.0f req/s  p99 %6s µs\n' "$m_n" "$(median "${nearby_p99[@]}")"
printf 'nearby with access log  %9.0f req/s  p99 %6s µs  (%s lines logged; cost %.1f%% of the rate)\n' \
  "$m_l" "$(median "${logged_p99[@]}")" "$log_lines" "$(awk -v a="$m_l" -v b="$m_n" 'BEGIN{print 100*(1-a/b)}')"
printf 'nearby / healthz ratio  %s (median of the per-round ratios; goal >= 0.7: %s)\n' "$m_ratio" \
  "$(awk -v r="$m_ratio" 'BEGIN{print (r >= 0.7) ? "met" : "MISSED"}')"
printf 'search snapshot         %s bytes for %s open stations = %.0f bytes/station\n' \
  "$snapshot_bytes" "$snapshot_stations" "$(awk -v a="$snapshot_bytes" -v b="$snapshot_stations" 'BEGIN{print a/b}')"
printf 'answer fragments        %s bytes = %.0f bytes/station\n' \
  "$fragment_bytes" "$(awk -v a="$fragment_bytes" -v b="$snapshot_stations" 'BEGIN{print a/b}')"
