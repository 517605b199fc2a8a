#!/bin/bash
# Initialises the cluster on first start (superuser postgres, password from POSTGRES_PASSWORD, checked on every
# connection), then runs the postmaster in the foreground: SIGTERM from the engine is a smart shutdown.
# A test fixture's server: md5 (one hash per connection) rather than SCRAM (thousands of rounds): once, under a load
# of 35, one of eight services opening their pools at once missed its 5 s acquisition timeout. The embedded devstack
# trusts every loopback connection.
set -euo pipefail
bin=/usr/lib/postgresql/17/bin
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
  pwfile=$(mktemp)
  printf '%s' "$POSTGRES_PASSWORD" > "$pwfile"
  "$bin/initdb" --pgdata="$PGDATA" --username=postgres --pwfile="$pwfile" --auth=md5 \
    --encoding=UTF8 --locale=C -c password_encryption=md5 > /dev/null
  rm -f "$pwfile"
  {
    echo "listen_addresses = '*'"
    echo "max_connections = 300"
  } >> "$PGDATA/postgresql.conf"
  echo "host all all all md5" >> "$PGDATA/pg_hba.conf"
fi
exec "$bin/postgres" -D "$PGDATA"
