#!/usr/bin/env bash
# Runs the Prisma CLI for the commands that work offline (generate, validate, format).
# The CLI insists on a native schema engine binary even where it does not use it; the WASM
# engine (tools/db/schema-engine.mts) does the schema work here. See docs/adr/0002.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/use-node.sh"
cd "$ratsinfo_root"
case "${1:-}" in
  generate|validate|format|version|--version|-v) ;;
  *) echo "prisma $1 needs the native schema engine, which cannot be downloaded here; use tools/db (docs/adr/0002-migrations-offline.md)" >&2; exit 2 ;;
esac
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$(command -v node)}"
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
exec node_modules/.bin/prisma "$@"
