#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for tests and benchmarks, from Debian's packages.
#
#   eval "$(scripts/postgres.sh start)"   # initdb in a temporary folder, listen on 127.0.0.1 only, on a free port;
#                                         # exports ACTORGRAPH_TEST_POSTGRES_URL and ACTORGRAPH_PG_DIR
#   scripts/postgres.sh stop              # stops that server and removes its folder (reads ACTORGRAPH_PG_DIR)
#
# As root the server runs as the `postgres` user the package creates (initdb refuses root).
# Trust authentication on loopback only: a test server, never one for real data.
set -euo pipefail
BIN=/usr/lib/postgresql/15/bin

as_server_user() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
start)
    if [ ! -x "$BIN/pg_ctl" ]; then
        SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
        echo "installing: postgresql-15" >&2
        $SUDO apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql-15 >/dev/null
    fi
    dir=$(mktemp -d "${TMPDIR:-/tmp}/actorgraph-pg.XXXXXX")
    chmod 755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    as_server_user "$BIN/initdb" -D "$dir/data" -U actorgraph --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    as_server_user "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=50 -c shared_buffers=128MB" start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    as_server_user "$BIN/createdb" -h 127.0.0.1 -p "$port" -U actorgraph actorgraph
    echo "export ACTORGRAPH_PG_DIR=$dir"
    echo "export ACTORGRAPH_TEST_POSTGRES_URL=postgres://actorgraph@127.0.0.1:$port/actorgraph"
    ;;
stop)
    dir="${2:-${ACTORGRAPH_PG_DIR:-}}"
    [ -n "$dir" ] && [ -d "$dir/data" ] || { echo "postgres.sh stop: no server folder (ACTORGRAPH_PG_DIR)" >&2; exit 1; }
    as_server_user "$BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: eval \"\$(scripts/postgres.sh start)\"; …; scripts/postgres.sh stop" >&2
    exit 2
    ;;
esac
