#!/usr/bin/env bash
# Runs a tools/*.mts script with the project's Node after setup.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/use-node.sh"
cd "$ratsinfo_root"
bash tools/scripts/setup.sh
exec node "$@"
