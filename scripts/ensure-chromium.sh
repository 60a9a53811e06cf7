#!/usr/bin/env bash
# Browser tests drive Debian's Chromium. Install it when it is missing and we may (root, apt).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "WARNING: chromium is not installed and cannot be installed here (need root and apt-get)." >&2
  echo "WARNING: the browser tests will fail. Install it with: sudo apt-get install chromium" >&2
fi
