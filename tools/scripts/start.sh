#!/usr/bin/env bash
# npm start: the whole system with embedded defaults and the demo cooperative (README).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/use-node.sh"
cd "$ratsinfo_root"
bash tools/scripts/setup.sh
source tools/scripts/apt.sh
[ -n "${REDIS_URL:-}" ] || ensure_apt redis-server:redis-server
ensure_apt "${EXTRACTION_APT[@]}"
exec node tools/dev/start.mts
