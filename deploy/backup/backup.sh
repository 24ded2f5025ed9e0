#!/usr/bin/env bash
# Backs up one Ratsinfo installation into a new folder <target>/ratsinfo-<UTC time>/:
#   database.dump   pg_dump, custom format (all tenants, schema + data, grants)
#   roles.sql       pg_dumpall --roles-only (ratsinfo_owner, ratsinfo_app with NOBYPASSRLS, passwords)
#   files.tar.gz    the local file store (FILE_STORAGE_DIR), when FILE_STORAGE is not s3
#   files.sha256    sha256 of every stored file (restore.sh checks the restored store against it)
#   SHA256SUMS      checksums of the above (restore.sh refuses a backup that does not match)
#
#   PGHOST=… PGPORT=… PGUSER=postgres PGPASSWORD=… PGDATABASE=ratsinfo FILE_STORAGE_DIR=/data/files \
#     deploy/backup/backup.sh /backups
#
# Connection: libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE), as a superuser
# (pg_dumpall reads role passwords; on a managed server without one set BACKUP_ROLE_PASSWORDS=no).
# Use pg_dump of the server's major version (or newer): PG_BIN=/usr/lib/postgresql/17/bin, or the
# compose service `backup` (postgres:17 image). S3 file store (FILE_STORAGE=s3): the bucket is
# copied with `aws s3 sync` when the AWS CLI is there (S3_BUCKET, S3_ENDPOINT, AWS_* credentials);
# otherwise back the bucket up with the provider's versioning/replication (deploy/README.md).
set -euo pipefail
umask 077
target="${1:?usage: backup.sh <target folder>}"
bin="${PG_BIN:+$PG_BIN/}"
: "${PGDATABASE:?PGDATABASE (the Ratsinfo database) is not set}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="$target/ratsinfo-$stamp"
mkdir -p "$out"
log() { echo "backup: $*" >&2; }

log "database $PGDATABASE → $out/database.dump"
"${bin}pg_dump" --format=custom --compress=6 --no-password --file="$out/database.dump" "$PGDATABASE"

log "roles → roles.sql"
role_flags=()
[ "${BACKUP_ROLE_PASSWORDS:-yes}" = no ] && role_flags+=(--no-role-passwords)
"${bin}pg_dumpall" --roles-only --no-password "${role_flags[@]}" --database=postgres --file="$out/roles.sql"

if [ "${FILE_STORAGE:-local}" = s3 ]; then
  if command -v aws >/dev/null 2>&1; then
    log "S3 bucket ${S3_BUCKET:?} → files-s3/"
    aws s3 sync ${S3_ENDPOINT:+--endpoint-url "$S3_ENDPOINT"} --only-show-errors "s3://$S3_BUCKET" "$out/files-s3/"
    (cd "$out/files-s3" && find . -type f -print0 | sort -z | xargs -0r sha256sum) > "$out/files.sha256"
  else
    log "FILE_STORAGE=s3 and no aws CLI: files NOT copied (back the bucket up separately, deploy/README.md)"
  fi
elif [ -n "${FILE_STORAGE_DIR:-}" ]; then
  [ -d "$FILE_STORAGE_DIR" ] || { log "FILE_STORAGE_DIR $FILE_STORAGE_DIR is not a folder"; exit 1; }
  log "file store $FILE_STORAGE_DIR → files.tar.gz"
  (cd "$FILE_STORAGE_DIR" && find . -type f -print0 | sort -z | xargs -0r sha256sum) > "$out/files.sha256"
  tar --create --gzip --file="$out/files.tar.gz" --directory="$FILE_STORAGE_DIR" .
else
  log "no FILE_STORAGE_DIR: files not backed up"
fi

{
  echo "created=$stamp"
  echo "database=$PGDATABASE"
  echo "server=$("${bin}psql" --no-password -XAtc 'SHOW server_version' postgres)"
  echo "pg_dump=$("${bin}pg_dump" --version)"
} > "$out/backup.info"
(cd "$out" && sha256sum -- * > SHA256SUMS)
log "done: $(du -sh "$out" | cut -f1)"
echo "$out"
