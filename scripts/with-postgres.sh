#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster on 127.0.0.1 (started here,
# stopped afterwards), with DATABASE_URL pointing at it.
set -euo pipefail
initdb=$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n1)
bindir=$(dirname "$initdb")
data=$(mktemp -d /tmp/armoedemonitor-pg.XXXXXX)
chown postgres "$data"
port=${PGPORT_TEST:-55432}
su postgres -c "$bindir/initdb -D $data -A trust -U postgres" >/dev/null
su postgres -c "$bindir/pg_ctl -s -D $data -l $data/server.log -o '-p $port -k /tmp -c listen_addresses=127.0.0.1' -w start"
trap 'su postgres -c "$bindir/pg_ctl -s -D $data -m fast stop"; rm -rf "$data"' EXIT
export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
"$@"
