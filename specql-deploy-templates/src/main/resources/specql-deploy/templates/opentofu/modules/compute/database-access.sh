#!/bin/sh
# The app's own database login, made and granted with the master credentials. deploy.sh runs it as the one-off
# task <name>-database-access after the migrations and before the services switch, so every object a migration
# made is granted before the new version uses it. Running it again changes nothing but the password.
#
# The app connects as this login and never as the master user, whose password RDS rotates (every 7 days by
# default) while a running task keeps the password it was started with. The login's password does not rotate by
# itself: see the README, "Database credentials".
#
# Reads PGHOST, PGPORT, PGUSER, PGPASSWORD (the master user's), PGSSLMODE, APP_USERNAME, APP_PASSWORD and
# DATABASES (the app's databases on the instance, separated by spaces, the one RDS created first).
set -eu
: "${APP_USERNAME:?}" "${APP_PASSWORD:?}" "${DATABASES:?}" "${PGUSER:?}"
if [ "$APP_USERNAME" = "$PGUSER" ]; then
  echo "APP_USERNAME must not be the master user ($PGUSER)" >&2
  exit 2
fi
first=${DATABASES%% *}

# A plain login: no superuser, no role or database creation, no replication (CREATE ROLE's defaults).
psql -X -q -v ON_ERROR_STOP=1 -v app="$APP_USERNAME" --dbname "$first" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'app') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app')
\gexec
SQL

# \password sends the server only the SCRAM verifier psql computes, so the statement log (log_statement = ddl)
# never holds the password; with no terminal, psql reads the new password twice from standard input.
printf '%s\n%s\n' "$APP_PASSWORD" "$APP_PASSWORD" | psql -X -q -v ON_ERROR_STOP=1 --dbname "$first" -c "\\password $APP_USERNAME"

# Data, not schema: the login reads and writes rows, uses sequences and calls functions in the schemas the
# migrations (the master user) made; it creates, alters and drops nothing.
for database in $DATABASES; do
  psql -X -q -v ON_ERROR_STOP=1 -v app="$APP_USERNAME" --dbname "$database" <<'SQL'
GRANT CONNECT, TEMPORARY ON DATABASE :"DBNAME" TO :"app";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SELECT format('GRANT USAGE ON SCHEMA %I TO %I', nspname, :'app'),
       format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', nspname, :'app'),
       format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', nspname, :'app'),
       format('GRANT EXECUTE ON ALL ROUTINES IN SCHEMA %I TO %I', nspname, :'app')
  FROM pg_namespace
 WHERE nspowner = to_regrole(current_user) OR nspname = 'public'
\gexec
ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT ON SEQUENCES TO :"app";
ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON ROUTINES TO :"app";
SQL
done
echo "Login $APP_USERNAME ready in: $DATABASES"
