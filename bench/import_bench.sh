#!/usr/bin/env bash
# Import of the 200,000-station national registry into the embedded store: rows/s and peak memory.
#
#   bash bench/import_bench.sh [RUNS]        (default 5 runs; needs build/release built)
#
# Generates the registry once with the fixed default seed (tools/gen_national_stations.cpp), then
# runs `yizhan import stations` RUNS times, each into a fresh data directory, under GNU time.
# Prints each run and the medians. Goals (issue 2): ≥ 50,000 rows/s, peak memory < 500 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
bin=build/release/src/yizhan
gen=build/release/tools/gen-national-stations
out=$(mktemp -d /tmp/yizhan-import-bench.XXXXXX)
trap 'rm -rf "$out"' EXIT

"$gen" --count 200000 -o "$out/national.csv"
rows=$(( $(wc -l < "$out/national.csv") - 1 ))
echo "file: $rows rows, $(du -m "$out/national.csv" | cut -f1) MB"

rates=(); cpu_rates=(); peaks=()
for i in $(seq 1 "$runs"); do
  rm -rf "$out/data"
  /usr/bin/time -f '%e %M %U %S' -o "$out/time.txt" "$bin" import stations "$out/national.csv" --data "$out/data" > "$out/log.txt"
  read -r seconds max_kb user_s sys_s < "$out/time.txt"
  rate=$(awk -v r="$rows" -v s="$seconds" 'BEGIN { printf "%.0f", r / s }')
  cpu_rate=$(awk -v r="$rows" -v u="$user_s" -v k="$sys_s" 'BEGIN { printf "%.0f", r / (u + k) }')
  peak=$(( max_kb / 1024 ))
  echo "run $i: ${seconds} s wall, ${rate} rows/s; ${user_s}+${sys_s} s CPU, ${cpu_rate} rows/CPU-s; peak ${peak} MB ($(tail -1 "$out/log.txt"))"
  rates+=("$rate"); cpu_rates+=("$cpu_rate"); peaks+=("$peak")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
echo "median: $(median "${rates[@]}") rows/s wall, $(median "${cpu_rates[@]}") rows per CPU-second, peak memory $(median "${peaks[@]}") MB over $runs runs (load average: $(cut -d' ' -f1 /proc/loadavg))"
