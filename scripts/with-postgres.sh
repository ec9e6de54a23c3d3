#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL 15 cluster: initdb in a temporary folder,
# start it on a free local port, export DATABASE_URL, run the command, stop and remove
# the cluster. Installs Debian's postgresql when it is missing. As root, the server runs
# as the postgres user (runuser).
#
#   scripts/with-postgres.sh COMMAND...
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PGBIN/initdb" ]; then
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
    echo "installing Debian's postgresql for the PostgreSQL run of the tests" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi

if [ "$(id -u)" -eq 0 ]; then
    AS_PG=(runuser -u postgres --)
else
    AS_PG=()
fi

DIR=$(mktemp -d /tmp/pg-throwaway.XXXXXX)
chmod 755 "$DIR"
[ "$(id -u)" -eq 0 ] && chown postgres: "$DIR"
PORT=${PGPORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}

stop() {
    "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap stop EXIT

"${AS_PG[@]}" "$PGBIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 \
    --locale=C.UTF-8 >/dev/null
# A test cluster: durability off for speed; enough connections for parallel runs.
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off \
        -c synchronous_commit=off -c full_page_writes=off -c max_connections=60" \
    start >/dev/null

export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/timelines"
"${AS_PG[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres timelines
echo "PostgreSQL 15 on 127.0.0.1:$PORT ($DIR)" >&2
"$@"
