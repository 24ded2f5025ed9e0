#!/usr/bin/env bash
# npm test: every project's tests against throw-away PostgreSQL and Redis (README).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/use-node.sh"
cd "$ratsinfo_root"
bash tools/scripts/setup.sh
source tools/scripts/apt.sh
# Real services and a real browser, from Debian (never a browser download).
ensure_apt redis-server:redis-server /usr/sbin/haproxy:haproxy "${EXTRACTION_APT[@]}" "${DEPLOY_APT[@]}"
[ "${RATSINFO_SKIP_E2E:-}" = true ] || ensure_apt chromium:chromium
exec node tools/test/run.mts
