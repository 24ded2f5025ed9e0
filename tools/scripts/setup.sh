#!/usr/bin/env bash
# Installs what this checkout needs, once: Node 24 (when the machine's is older), the npm
# packages exactly as locked (npm ci, only when the lock changed since the last install), and
# the generated Prisma client. Safe to run again; fast when nothing changed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/use-node.sh"
cd "$ratsinfo_root"

stamp=node_modules/.ratsinfo-install-stamp
want="$(node -p 'process.version')-$(sha256sum package-lock.json | cut -c1-64)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "ratsinfo: installing npm packages (npm ci) …" >&2
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi

gen=libs/api/database/src/generated/prisma/client.ts
schema_hash="$(sha256sum prisma/schema.prisma | cut -c1-64)"
if [ ! -f "$gen" ] || [ "$(cat libs/api/database/src/generated/.schema-hash 2>/dev/null)" != "$schema_hash" ]; then
  bash tools/scripts/prisma.sh generate >/dev/null
  echo "$schema_hash" > libs/api/database/src/generated/.schema-hash
fi
