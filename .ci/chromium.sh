#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the console's browser tests (ConsoleBrowserIT)
# when they are missing. Where they cannot be installed, those tests are skipped.
set -uo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
	exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
	echo "apt-get not found: Chromium is not installed, the browser tests are skipped" >&2
	exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
	SUDO="sudo -n"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null && $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null \
	|| echo "Chromium could not be installed: the browser tests are skipped" >&2
exit 0
