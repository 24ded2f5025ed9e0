#!/usr/bin/env bash
# ensure_apt BIN:PACKAGE ... — installs Debian packages whose binaries are missing (as root).
# BIN may be an absolute path instead (a data file the package installs, e.g. OCR language data).
ensure_apt() {
  local missing=() pair
  for pair in "$@"; do
    case "${pair%%:*}" in
      /*) [ -e "${pair%%:*}" ] || missing+=("${pair##*:}") ;;
      *) command -v "${pair%%:*}" >/dev/null 2>&1 || [ -x "/usr/bin/${pair%%:*}" ] || missing+=("${pair##*:}") ;;
    esac
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

# What the worker's text extraction runs (libs/api/extraction): poppler for PDFs, Tesseract with
# German for scans. The language data's path is the Debian package's (tesseract 5).
EXTRACTION_APT=(pdftotext:poppler-utils pdftoppm:poppler-utils tesseract:tesseract-ocr /usr/share/tesseract-ocr/5/tessdata/deu.traineddata:tesseract-ocr-deu)

# What the deploy tests run (tools/deploy): kubectl for `kubectl kustomize` (Debian's 1.20 is enough,
# deploy/k8s keeps to its kustomize), and PostgreSQL 15 with its pg_dump/pg_restore for the backup
# round trip (the embedded server of the stack is newer than Debian's pg_dump, which refuses it).
DEPLOY_APT=(kubectl:kubernetes-client /usr/lib/postgresql/15/bin/pg_dump:postgresql-client-15 /usr/lib/postgresql/15/bin/initdb:postgresql-15)
