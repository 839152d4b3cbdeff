#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL server on 127.0.0.1 for the tests and benchmarks.
#   scripts/postgres.sh start DIR PORT   prints the TEST_DATABASE_URL to use
#   scripts/postgres.sh stop DIR
# PostgreSQL refuses to run as root, so as root the server runs as the postgres user.
set -euo pipefail

action=${1:?usage: postgres.sh start DIR PORT | stop DIR}
dir=${2:?the folder for the cluster}
port=${3:-54329}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ]; then
  echo "PostgreSQL is not installed: apt-get install -y postgresql postgresql-contrib" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
    if [ ! -f "$dir/pg/PG_VERSION" ]; then
      # UTF-8 explicitly: without it a cluster can come out SQL_ASCII and break accents and Devanagari.
      as_owner "$bindir/initdb" -D "$dir/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    fi
    as_owner "$bindir/pg_ctl" -D "$dir/pg" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=on -c max_connections=200" start >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -f "$dir/pg/postmaster.pid" ]; then
      as_owner "$bindir/pg_ctl" -D "$dir/pg" -m fast -w stop >/dev/null || true
    fi
    ;;
  *)
    echo "usage: postgres.sh start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
