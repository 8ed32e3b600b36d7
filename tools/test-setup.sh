#!/usr/bin/env bash
# Installs what the client and browser tests need beyond Java 17 and Maven, from Debian packages:
#   BrowserTest               headless Chromium + chromedriver         (chromium, chromium-driver)
#   PythonClientTest          SPARQLWrapper for /usr/bin/python3       (python3-sparqlwrapper)
#   ServiceDescriptionTest    rdflib for /usr/bin/python3              (python3-rdflib)
#   RClientTest               Rscript with httr and jsonlite           (r-base-core, r-cran-httr, r-cran-jsonlite)
#   ReplicasTest              HAProxy in front of two replicas, and curl for deploy/replicas.sh's readiness wait (haproxy, curl)
# Idempotent and silent when everything is already present. Debian 12; must run as root to install.
set -euo pipefail

missing=()
[[ -x /usr/bin/chromium ]] || missing+=("chromium")
[[ -x /usr/bin/chromedriver ]] || missing+=("chromium-driver")
if ! [[ -x /usr/bin/python3 ]] || ! /usr/bin/python3 -c 'import SPARQLWrapper' >/dev/null 2>&1; then
  missing+=("python3-sparqlwrapper")
fi
/usr/bin/python3 -c 'import rdflib' >/dev/null 2>&1 || missing+=("python3-rdflib")
if ! [[ -x /usr/bin/Rscript ]] || ! /usr/bin/Rscript -e 'library(httr); library(jsonlite)' >/dev/null 2>&1; then
  missing+=("r-base-core" "r-cran-httr" "r-cran-jsonlite")
fi
# ReplicasTest (deploy/replicas.sh): HAProxy from Debian
[[ -x /usr/sbin/haproxy ]] || missing+=("haproxy")
command -v curl >/dev/null 2>&1 || missing+=("curl")
((${#missing[@]} == 0)) && exit 0

echo "[test-setup] missing: ${missing[*]}; installing them with apt-get" >&2
if [[ $EUID -ne 0 ]]; then
  echo "[test-setup] ERROR: must run as root to install packages (missing: ${missing[*]})" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-get update -qq; then
  echo "[test-setup] ERROR: 'apt-get update' failed; cannot install ${missing[*]}" >&2
  exit 1
fi
if ! apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null; then
  echo "[test-setup] ERROR: 'apt-get install ${missing[*]}' failed" >&2
  exit 1
fi
# verify the result, so a half-finished install is reported here and not as a confusing test failure
for f in /usr/bin/chromium /usr/bin/chromedriver /usr/bin/Rscript /usr/sbin/haproxy /usr/bin/curl; do
  [[ -x $f ]] || { echo "[test-setup] ERROR: $f still missing after install" >&2; exit 1; }
done
/usr/bin/python3 -c 'import SPARQLWrapper, rdflib' || { echo "[test-setup] ERROR: python3 still cannot import SPARQLWrapper and rdflib" >&2; exit 1; }
/usr/bin/Rscript -e 'library(httr); library(jsonlite)' >/dev/null || { echo "[test-setup] ERROR: R still cannot load httr and jsonlite" >&2; exit 1; }
echo "[test-setup] installed" >&2
