#!/usr/bin/env bash
# Debian packages the project needs beyond Python: Java for PySpark, Chromium for the
# browser tests, PostgreSQL for the web tests in CI, Pango for PDF reports, poppler
# to look at rendered PDFs. Installs only what is missing (needs root, as here and in CI).
set -euo pipefail
need=()
command -v java >/dev/null || need+=(default-jre-headless)
command -v chromium >/dev/null || need+=(chromium)
[ -x /usr/lib/postgresql/*/bin/initdb ] 2>/dev/null || need+=(postgresql)
ldconfig -p | grep -q libpango-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
command -v msgfmt >/dev/null || need+=(gettext)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi
