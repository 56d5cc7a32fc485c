#!/usr/bin/env bash
# Installs the Debian packages the tests need, and only those that are missing (idempotent:
# a machine that has them all is left alone and nothing is downloaded).
#
#   openssh-server, openssh-client  a real sshd on loopback for the agentless SSH tests
#   snmpd, snmp                     a real net-snmp agent on loopback for the SNMP tests
#   chromium, chromium-driver       headless browser tests of the web console (Selenium, /usr/bin/chromium
#                                   and /usr/bin/chromedriver are used explicitly)
#   fonts-noto-cjk                  Japanese glyphs, so the console's screenshots show text, not boxes
#   postgresql                      a real PostgreSQL server for the scale-out tests (started by the tests)
#   fonts-ipafont-gothic            the Japanese TrueType font the PDF reports embed
#   poppler-utils                   pdftotext, with which the export tests read the PDF back
#   ansible-core                    runs deploy/ansible/akashi-agent.yml against localhost (OneLineInstallTest)
#
# The tests start and stop their own daemons; nothing is started here.
# Add a package to PACKAGES when a test starts to need one. Runs as root, or through sudo.
set -euo pipefail

PACKAGES=(openssh-server openssh-client snmpd snmp postgresql chromium chromium-driver fonts-noto-cjk fonts-ipafont-gothic poppler-utils ansible-core)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-test-deps: all present (${PACKAGES[*]})"
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "install-test-deps: missing ${missing[*]}, and this is not a Debian/Ubuntu system (no apt-get); install them by hand" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-test-deps: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi

echo "install-test-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
