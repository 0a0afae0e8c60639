#!/usr/bin/env bash
# Issue 22's measurements on the 200,000-station registry: /healthz and nearby latency (p50, p99)
# idle and while one client abuses the server (8 loops on the GeoJSON; 1,000 slow connections
# from one address; 100 anonymous 10 MB uploads), the server's memory growth in each phase, and
# a console station save.
#
#   bash bench/abuse_bench.sh                 # uses build/release; PROBES=400 SAVES=10
#
# The server runs with its defaults (connections per address 256, admission of bodies), rate
# limits off so that the probe is never throttled (--no-rate-limit). The attackers bind 127.0.0.2
# and 127.0.0.3, so the probe (127.0.0.1) is "another client". Driver: bench/abuse_probe.py.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/http_common.sh

echo "== registry: 200,000 stations (gen-national-stations, default seed) → $WORK/data"
import_national_registry "$WORK/data"
password="bench password $RANDOM$RANDOM"
printf '%s\n' "$password" | "$YIZHAN" user add --data "$WORK/data" --username bench --role city_admin >/dev/null
start_server "$WORK/data" /dev/null --no-access-log
echo "== server on port $SERVER_PORT, pid $SERVER_PID"
python3 bench/abuse_probe.py "$SERVER_PORT" "$SERVER_PID" "$password"
