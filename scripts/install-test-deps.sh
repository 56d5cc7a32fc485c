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
#   rpm                             rpmbuild for the agent's .rpm, and rpm to install it in LinuxPackageTest
#   debootstrap                     the fresh Debian root LinuxPackageTest installs the .deb into (made
#                                   once, below, as /var/cache/akashi-test/debian-root.tar)
#   ansible-core                    runs deploy/ansible/akashi-agent.yml against localhost (OneLineInstallTest)
#   wixl, msitools                  builds the Windows MSI (packaging/build/msi.sh) and reads it back
#                                   (msiinfo, msiextract) in WindowsMsiTest
#
# The tests start and stop their own daemons; nothing is started here.
# Add a package to PACKAGES when a test starts to need one. Runs as root, or through sudo.
set -euo pipefail

PACKAGES=(openssh-server openssh-client snmpd snmp postgresql chromium chromium-driver fonts-noto-cjk fonts-ipafont-gothic poppler-utils rpm debootstrap ansible-core wixl msitools)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# A minimal Debian root (debootstrap --variant=minbase, plus logrotate) for the package tests:
# made once per machine, about 90 s and 50 MB of downloads; each test unpacks a fresh copy.
ROOT_TAR="${AKASHI_TEST_ROOT_TAR:-/var/cache/akashi-test/debian-root.tar}"
make_root() {
  [ -f "$ROOT_TAR" ] && return 0
  command -v debootstrap >/dev/null || { echo "install-test-deps: no debootstrap, no $ROOT_TAR" >&2; return 1; }
  local suite dir
  suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
  dir=$(mktemp -d)
  echo "install-test-deps: making $ROOT_TAR (debootstrap $suite)"
  $SUDO debootstrap --variant=minbase --include=logrotate "$suite" "$dir/root" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" > "$dir/log" 2>&1 \
    || { tail -20 "$dir/log" >&2; $SUDO rm -rf "$dir"; return 1; }
  $SUDO mkdir -p "$(dirname "$ROOT_TAR")"
  $SUDO tar --numeric-owner -C "$dir/root" -cf "$ROOT_TAR.tmp" . && $SUDO mv "$ROOT_TAR.tmp" "$ROOT_TAR"
  $SUDO rm -rf "$dir"
}

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then
  SUDO="sudo"
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-test-deps: all present (${PACKAGES[*]})"
  make_root
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "install-test-deps: missing ${missing[*]}, and this is not a Debian/Ubuntu system (no apt-get); install them by hand" >&2
  exit 1
fi

if [ "$(id -u)" -ne 0 ] && [ -z "$SUDO" ]; then
  echo "install-test-deps: need root or sudo to install ${missing[*]}" >&2
  exit 1
fi

echo "install-test-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
make_root
