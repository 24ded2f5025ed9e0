#!/usr/bin/env bash
# Runs once, when the postgres container initialises an empty data volume (docker-entrypoint-initdb.d).
# Same roles as tools/db/bootstrap.mts and docs/adr/0003-tenancy-rls.md:
#   ratsinfo_owner  owns the schema, runs the migrations (the migrate service)
#   ratsinfo_app    what api and worker connect as: owns nothing, NOSUPERUSER, NOBYPASSRLS,
#                   so row-level security applies to every query they send
#   keycloak        Keycloak's own database
# Passwords come from the environment (deploy/compose/.env), never from this file.
set -euo pipefail
: "${RATSINFO_DB_OWNER_PASSWORD:?}" "${RATSINFO_DB_APP_PASSWORD:?}" "${KEYCLOAK_DB_PASSWORD:?}"
db="${RATSINFO_DB_NAME:-ratsinfo}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_pw="$RATSINFO_DB_OWNER_PASSWORD" -v app_pw="$RATSINFO_DB_APP_PASSWORD" -v kc_pw="$KEYCLOAK_DB_PASSWORD" -v db="$db" <<'SQL'
CREATE ROLE ratsinfo_owner WITH LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS NOREPLICATION PASSWORD :'owner_pw';
CREATE ROLE ratsinfo_app WITH LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS NOREPLICATION NOINHERIT PASSWORD :'app_pw';
CREATE DATABASE :"db" OWNER ratsinfo_owner ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO ratsinfo_app;
CREATE ROLE keycloak WITH LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB PASSWORD :'kc_pw';
CREATE DATABASE keycloak OWNER keycloak ENCODING 'UTF8' TEMPLATE template0;
SQL

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$db" <<'SQL'
ALTER SCHEMA public OWNER TO ratsinfo_owner;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO ratsinfo_app;
SQL
