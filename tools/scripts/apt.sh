#!/usr/bin/env bash
# ensure_apt BIN:PACKAGE ... — installs Debian packages whose binaries are missing (as root).
ensure_apt() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || [ -x "/usr/bin/${pair%%:*}" ] || missing+=("${pair##*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ratsinfo: please install: ${missing[*]} (Debian packages)" >&2
    return 1
  fi
  echo "ratsinfo: installing Debian packages: ${missing[*]} …" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
