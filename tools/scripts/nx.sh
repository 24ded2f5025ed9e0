#!/usr/bin/env bash
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/use-node.sh"
cd "$ratsinfo_root"
bash tools/scripts/setup.sh
exec node_modules/.bin/nx "$@"
