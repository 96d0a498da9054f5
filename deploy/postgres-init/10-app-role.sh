#!/bin/sh
# Creates the role the API connects as. The postgres image runs this once, when it initialises
# an empty data volume, as POSTGRES_USER: that role owns the database, runs the migrations and so
# owns every table. Row-level security binds the API only because its role is not a superuser,
# has no BYPASSRLS and owns no table; it gets plain row privileges on the owner's tables instead.
# No `set -u`: the image sources this file instead of executing it when it is not executable.
set -e

app_user="${LAPATA_DB_APP_USER:-lapata_app}"
if [ -z "${LAPATA_DB_APP_PASSWORD:-}" ]; then
  echo "10-app-role.sh: LAPATA_DB_APP_PASSWORD is not set; the API's database role cannot be created" >&2
  exit 1
fi

psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "${POSTGRES_DB:-$POSTGRES_USER}" \
  --set=app_user="$app_user" \
  --set=app_password="$LAPATA_DB_APP_PASSWORD" \
  --set=owner="$POSTGRES_USER" \
  --set=database="${POSTGRES_DB:-$POSTGRES_USER}" <<'SQL'
CREATE ROLE :"app_user" LOGIN PASSWORD :'app_password'
  NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;

-- Only the owner and the API may connect to the application's database.
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"database" TO :"app_user";

-- Rows, not schema: the API reads and writes the tables the migrations create, and can create none.
GRANT USAGE ON SCHEMA public TO :"app_user";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app_user";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO :"app_user";
SQL
