#!/usr/bin/env bash
# Installs what the browser test (BrowserTest), the Python client test (PythonClientTest) and ReplicasTest (haproxy) need beyond
# Java 17 and Maven: headless Chromium + chromedriver and Debian's SPARQLWrapper for /usr/bin/python3.
# Idempotent and silent when everything is already present. Debian 12; must run as root to install.
set -euo pipefail

missing=()
[[ -x /usr/bin/chromium ]] || missing+=("chromium")
[[ -x /usr/bin/chromedriver ]] || missing+=("chromedriver")
if ! [[ -x /usr/bin/python3 ]] || ! /usr/bin/python3 -c 'import SPARQLWrapper' >/dev/null 2>&1; then
  missing+=("python3 SPARQLWrapper")
fi
# ReplicasTest (deploy/replicas.sh): HAProxy from Debian
[[ -x /usr/sbin/haproxy ]] || missing+=("haproxy")
((${#missing[@]} == 0)) && exit 0

echo "[test-setup] missing: ${missing[*]}; installing chromium chromium-driver python3-sparqlwrapper with apt-get" >&2
if [[ $EUID -ne 0 ]]; then
  echo "[test-setup] ERROR: must run as root to install packages (missing: ${missing[*]})" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-get update -qq; then
  echo "[test-setup] ERROR: 'apt-get update' failed; cannot install chromium chromium-driver python3-sparqlwrapper" >&2
  exit 1
fi
if ! apt-get install -y -qq chromium chromium-driver python3-sparqlwrapper haproxy >/dev/null; then
  echo "[test-setup] ERROR: 'apt-get install chromium chromium-driver python3-sparqlwrapper' failed" >&2
  exit 1
fi
# verify the result, so a half-finished install is reported here and not as a confusing test failure
for f in /usr/bin/chromium /usr/bin/chromedriver /usr/sbin/haproxy; do
  [[ -x $f ]] || { echo "[test-setup] ERROR: $f still missing after install" >&2; exit 1; }
done
/usr/bin/python3 -c 'import SPARQLWrapper' || { echo "[test-setup] ERROR: python3 still cannot import SPARQLWrapper" >&2; exit 1; }
echo "[test-setup] installed" >&2
