#!/usr/bin/env bash
# Run the whole test suite on a fresh machine: install what the tests need, lint, then pytest.
# The browser tests drive Debian's Chromium (no browser download works offline) and the serving test runs
# Debian's nginx; the PDF tests read the printed sheets with Debian's poppler-utils. They are installed with
# apt-get when missing and we are root. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK" \
  || ! { command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; } || ! command -v pdftoppm >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # nginx is only run in the foreground by scripts/serve.sh: keep the package from starting a service
    added_policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && added_policy=1
    fi
    apt-get install -y -qq chromium fonts-noto-cjk nginx poppler-utils >/dev/null
    if [ -n "$added_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi
  else
    echo "chromium, fonts-noto-cjk, nginx or poppler-utils missing and cannot install them (not root): browser and PDF tests will fail" >&2
  fi
fi

python -m ruff check .
python -m ruff format --check .
python -m pytest -n 2 -p no:cacheprovider "$@"
