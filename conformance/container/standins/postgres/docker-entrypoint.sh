#!/usr/bin/env bash
# The stand-in postgres image's entrypoint: initialises PGDATA on first start from the official image's variables,
# runs /docker-entrypoint-initdb.d once, then runs the server as postgres, listening on every address.
set -euo pipefail

if [ "${1:-}" != postgres ]; then
  exec "$@"
fi
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  chmod 700 "$PGDATA"
  exec setpriv --reuid postgres --regid postgres --init-groups "$0" "$@"
fi

user=${POSTGRES_USER:-postgres}
database=${POSTGRES_DB:-$user}
auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth" != trust ]; then
    echo "stand-in postgres: the database is uninitialized and POSTGRES_PASSWORD is not set" >&2
    exit 1
  fi
  initdb --username="$user" --pwfile=<(printf '%s\n' "${POSTGRES_PASSWORD:-}") --auth-local=trust \
    --auth-host="$auth" --encoding=UTF8 >/dev/null
  printf 'host all all all %s\n' "$auth" >> "$PGDATA/pg_hba.conf"
  pg_ctl --silent --wait --options "-c listen_addresses=''" start
  if [ "$database" != postgres ]; then
    psql --username="$user" --dbname=postgres --quiet --set ON_ERROR_STOP=1 \
      --command "CREATE DATABASE \"$database\""
  fi
  for script in /docker-entrypoint-initdb.d/*; do
    case "$script" in
      *.sql) psql --username="$user" --dbname="$database" --quiet --set ON_ERROR_STOP=1 --file "$script" ;;
      *.sh) bash "$script" ;;
      *) ;;
    esac
  done
  pg_ctl --silent --wait --mode fast stop
fi
exec postgres -c listen_addresses='*' "${@:2}"
