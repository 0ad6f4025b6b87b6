#!/usr/bin/env bash
# Installs what the web e2e tests (tests/e2e/web) drive: headless Chromium and
# its WebDriver from Debian, and selenium into the project venv. Idempotent:
# apt-get runs only when a binary is missing, pip only when selenium is.
# Exits non-zero when something could not be installed, so the caller can
# report it; the web tests themselves fail (not skip) without a browser.
set -eu

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PY="$ROOT/.build/venv/bin/python"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    sudo=""
    if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -x "$PY" ]; then
    echo "no venv at $ROOT/.build/venv: create it first (scripts/test does)" >&2
    exit 1
fi
if ! "$PY" -c 'import selenium' >/dev/null 2>&1; then
    echo "installing: selenium (pip)"
    "$PY" -m pip install -q --disable-pip-version-check selenium
fi
