#!/usr/bin/env bash
# Restores a backup made by backup.sh into a FRESH server (or one without that database):
#   1. checks SHA256SUMS (a damaged or altered backup is refused before anything is written),
#   2. roles.sql: creates missing roles and sets their attributes and passwords; the role this
#      script connects as is left alone (RESTORE_ROLES=no skips the roles, e.g. on a managed server
#      whose roles exist already),
#   3. database.dump: pg_restore --create (database, owner, grants, schema, data, row-level security),
#   4. files.tar.gz into FILE_STORAGE_DIR (must be empty), checked against files.sha256.
#
#   PGHOST=… PGPORT=… PGUSER=postgres PGPASSWORD=… FILE_STORAGE_DIR=/data/files \
#     deploy/backup/restore.sh /backups/ratsinfo-20261202T020000Z
#
# Then start the migration job (it finds nothing to do, or applies what is newer) and the apps.
set -euo pipefail
src="${1:?usage: restore.sh <backup folder made by backup.sh>}"
bin="${PG_BIN:+$PG_BIN/}"
log() { echo "restore: $*" >&2; }
psql_() { "${bin}psql" --no-password -X -v ON_ERROR_STOP=1 -q "$@"; }

log "checking $src/SHA256SUMS"
(cd "$src" && sha256sum --check --quiet --strict SHA256SUMS) || { log "checksums do not match: backup refused"; exit 1; }
db="$(sed -n 's/^database=//p' "$src/backup.info")"
[ -n "$db" ] || { log "backup.info names no database"; exit 1; }
if [ -n "$(psql_ -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'" postgres)" ]; then
  log "database $db exists on the target server: restore into a fresh server, or drop/rename it first"
  exit 1
fi
if [ -f "$src/files.tar.gz" ]; then
  : "${FILE_STORAGE_DIR:?the backup has files: set FILE_STORAGE_DIR (an empty folder)}"
  mkdir -p "$FILE_STORAGE_DIR"
  [ -z "$(ls -A "$FILE_STORAGE_DIR")" ] || { log "FILE_STORAGE_DIR $FILE_STORAGE_DIR is not empty"; exit 1; }
fi

if [ "${RESTORE_ROLES:-yes}" != no ]; then
  me="$(psql_ -Atc 'SELECT current_user' postgres)"
  log "roles (leaving $me alone)"
  # CREATE ROLE of a role that exists is skipped; the connecting role's own lines are dropped.
  awk -v me="$me" '
    function name(s) { gsub(/^"|"$/, "", s); return s }
    /^(CREATE|ALTER) ROLE / { r = $3; sub(/;$/, "", r); if (name(r) == me) next }
    /^CREATE ROLE [^ ]+;$/ { r = $3; sub(/;$/, "", r); printf "DO $restore$ BEGIN CREATE ROLE %s; EXCEPTION WHEN duplicate_object THEN NULL; END $restore$;\n", r; next }
    { print }
  ' "$src/roles.sql" | psql_ postgres
fi

log "database $db"
"${bin}pg_restore" --no-password --exit-on-error --create --dbname=postgres "$src/database.dump"

if [ -f "$src/files.tar.gz" ]; then
  log "files → $FILE_STORAGE_DIR"
  tar --extract --gzip --file="$src/files.tar.gz" --directory="$FILE_STORAGE_DIR" --no-same-owner
  (cd "$FILE_STORAGE_DIR" && sha256sum --check --quiet --strict "$(cd "$src" && pwd)/files.sha256") || { log "restored files do not match files.sha256"; exit 1; }
fi
log "done: database $db$( [ -f "$src/files.tar.gz" ] && echo ", files in $FILE_STORAGE_DIR")"
