#!/usr/bin/env bash
# HTTP benchmark of the durable write path (issue 3): check-ins at 64 concurrent connections,
# with syncing on (the default), with --unsafe-no-sync, and with --unsafe-no-group-commit (one
# transaction and one fsync per check-in), in the same run, on the 200,000-station registry.
#
#   bench/http_checkins.sh                        # uses build/release
#   BUILD=build/h-bench bench/http_checkins.sh    # another build directory
#
# What it does: generates and imports the national registry (tools/gen-national-stations --count
# 200000, default seed) once, copies the data directory for each of the three modes, and runs
# ROUNDS (default 3) rounds; each round starts the server of each mode in turn (`yizhan serve
# --no-rate-limit --no-access-log [flag]`) and drives it with wrk -c64 (bench/http_checkins.lua:
# POST check-ins without device_id to random open stations, random categories, fixed seeds) for
# DURATION seconds (default 10). Every answer must be 201. Prints requests/s and p50/p99 latency
# per run, the medians, and the ratios durable/no-sync (goal ≥ 0.5) and durable/no-group-commit
# (goal ≥ 3) — the median of the per-round ratios.
# Environment: BUILD, WORK, KEEP_WORK (see bench/http_common.sh), DURATION, CONNECTIONS, THREADS, ROUNDS.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/http_common.sh

wrk_options 64

echo "== registry: 200,000 stations (gen-national-stations, default seed)"
import_national_registry "$WORK/fresh"
python3 -c '
import csv, sys
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if row["status"] == "open":
        print(row["code"])' "$WORK/national.csv" >"$WORK/open_codes.txt"
export YZ_CODES="$WORK/open_codes.txt"
echo "   $(wc -l <"$YZ_CODES") open stations"

MODES=(durable no_sync no_group_commit)
declare -A FLAGS=([durable]="" [no_sync]="--unsafe-no-sync" [no_group_commit]="--unsafe-no-group-commit")
for mode in "${MODES[@]}"; do rm -rf "$WORK/data-$mode"; cp -r "$WORK/fresh" "$WORK/data-$mode"; done

declare -A rps p99 runs_rps runs_p99
declare -a ratio_sync ratio_group
echo "== wrk ${WRK_FLAGS[*]}, $DURATION s per run"
for round in $(seq 1 "$ROUNDS"); do
  for mode in "${MODES[@]}"; do
    # shellcheck disable=SC2086  # FLAGS holds zero or one word
    start_server "$WORK/data-$mode" /dev/null --no-access-log ${FLAGS[$mode]}
    run_wrk bench/http_checkins.lua -t1 -c8 -d1s >/dev/null  # warm-up
    r=$(run_wrk bench/http_checkins.lua "${WRK_FLAGS[@]}")
    stop_server
    if [ "$(field non2xx "$r")" != 0 ] || [ "$(field errors "$r")" != 0 ]; then echo "failed requests ($mode): $r" >&2; exit 1; fi
    rps[$mode]=$(field rps "$r"); p99[$mode]=$(field p99_us "$r")
    runs_rps[$mode]+="${rps[$mode]} "; runs_p99[$mode]+="${p99[$mode]} "
    printf 'round %d  %-16s %8.0f check-ins/s  p50 %6d µs  p99 %7d µs\n' \
      "$round" "$mode" "${rps[$mode]}" "$(field p50_us "$r")" "${p99[$mode]}"
  done
  ratio_sync+=("$(awk -v a="${rps[durable]}" -v b="${rps[no_sync]}" 'BEGIN{printf "%.3f", a/b}')")
  ratio_group+=("$(awk -v a="${rps[durable]}" -v b="${rps[no_group_commit]}" 'BEGIN{printf "%.2f", a/b}')")
  echo "round $round  durable/no_sync ${ratio_sync[-1]}  durable/no_group_commit ${ratio_group[-1]}"
done

echo "== medians of $ROUNDS runs"
for mode in "${MODES[@]}"; do
  # shellcheck disable=SC2086
  printf '%-16s %8.0f check-ins/s  p99 %7s µs\n' "$mode" "$(median ${runs_rps[$mode]})" "$(median ${runs_p99[$mode]})"
done
m_sync=$(median "${ratio_sync[@]}"); m_group=$(median "${ratio_group[@]}")
printf 'durable / no_sync          %s (goal >= 0.5: %s)\n' "$m_sync" "$(awk -v r="$m_sync" 'BEGIN{print (r >= 0.5) ? "met" : "MISSED"}')"
printf 'durable / no_group_commit  %s (goal >= 3: %s)\n' "$m_group" "$(awk -v r="$m_group" 'BEGIN{print (r >= 3) ? "met" : "MISSED"}')"
