#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh COMMAND [ARG…]
#
# Starts a throwaway PostgreSQL cluster (the newest installed under /usr/lib/postgresql, 15 on
# Debian 12) on 127.0.0.1, creates the database yizhan_test, runs COMMAND with
#   YIZHAN_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/yizhan_test
# exported, stops the cluster and deletes it (also when COMMAND fails or the script is
# interrupted), and exits with COMMAND's status. Status 2 without running COMMAND: no cluster.
#
# Works as root (initdb refuses root, so the server runs as the `postgres` user through runuser)
# and as an ordinary user. The port is 55432, or the next free one when another cluster (another
# engineer's run, a stale server) holds it: YIZHAN_PG_PORT overrides the first port tried. Each run
# has its own cluster directory /tmp/yizhan-pg.XXXXXX; directories left by killed runs whose server
# is gone are removed, and the legacy /tmp/pgci of STACK.md is never touched.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG…]" >&2
  exit 2
fi

pg_bin=""
for dir in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
  if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
    pg_bin="$dir"
    break
  fi
done
if [ -z "$pg_bin" ]; then
  echo "with-postgres: no PostgreSQL server found under /usr/lib/postgresql (run scripts/install-deps.sh)" >&2
  exit 2
fi

# Runs a server program as the cluster's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Removes cluster directories of earlier runs whose postmaster no longer runs.
for stale in /tmp/yizhan-pg.*; do
  [ -d "$stale" ] || continue
  pid_file="$stale/data/postmaster.pid"
  if [ -f "$pid_file" ]; then
    pid="$(head -n 1 "$pid_file" 2>/dev/null || true)"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      continue  # a live cluster, perhaps another run's
    fi
  elif [ -n "$(find "$stale" -maxdepth 0 -mmin -2 2>/dev/null)" ]; then
    continue  # very new and not started yet: probably a concurrent run in initdb
  fi
  rm -rf "$stale"
done

pg_root="$(mktemp -d /tmp/yizhan-pg.XXXXXX)"
chmod 755 "$pg_root"
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$pg_root"
fi

started=0
cleanup() {
  if [ "$started" -eq 1 ]; then
    (cd "$pg_root" && as_owner "$pg_bin/pg_ctl" -D "$pg_root/data" -m fast -w -t 30 stop) \
      >/dev/null 2>&1 || true
  fi
  rm -rf "$pg_root"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The server programs run from the cluster directory: the postgres user may not enter the caller's.
cd "$pg_root"
if ! as_owner "$pg_bin/initdb" -D "$pg_root/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
      >"$pg_root/initdb.log" 2>&1; then
  echo "with-postgres: initdb failed:" >&2
  cat "$pg_root/initdb.log" >&2
  exit 2
fi
# A concurrent run may take the port between the check and the start: then try the next one.
port="${YIZHAN_PG_PORT:-55432}"
for attempt in 1 2 3 4 5; do
  for _ in $(seq 1 100); do
    port_in_use "$port" || break
    port=$((port + 1))
  done
  started=1
  if as_owner "$pg_bin/pg_ctl" -D "$pg_root/data" -l "$pg_root/server.log" -w -t 30 \
       -o "-p $port -k $pg_root -c listen_addresses=127.0.0.1" start >/dev/null; then
    break
  fi
  started=0
  if [ "$attempt" -eq 5 ] || ! port_in_use "$port"; then
    echo "with-postgres: the server did not start:" >&2
    cat "$pg_root/server.log" >&2 || true
    exit 2
  fi
  port=$((port + 1))
done
"$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
  -c "CREATE DATABASE yizhan_test" >/dev/null
cd - >/dev/null

export YIZHAN_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/yizhan_test"
echo "with-postgres: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') at $YIZHAN_TEST_PG_URL" >&2

set +e
"$@"
status=$?
set -e
exit "$status"
