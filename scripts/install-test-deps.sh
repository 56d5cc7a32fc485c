#!/bin/sh
# Installs the real peers the probes tests start on loopback: OpenSSH sshd, net-snmp snmpd and
# the snmp client tools; and for the export tests a Japanese TrueType font (the PDF report embeds
# it) and poppler's pdftotext (the tests read the PDF's text back). Idempotent: installs only what
# is missing. Works as root or via sudo.
# Daemons are not started here; the tests start and stop their own instances.
set -eu

missing=""
command -v sshd >/dev/null 2>&1 || [ -x /usr/sbin/sshd ] || missing="$missing openssh-server"
command -v snmpd >/dev/null 2>&1 || [ -x /usr/sbin/snmpd ] || missing="$missing snmpd"
command -v snmpget >/dev/null 2>&1 || missing="$missing snmp"
command -v ssh-keygen >/dev/null 2>&1 || missing="$missing openssh-client"
[ -r /usr/share/fonts/opentype/ipafont-gothic/ipag.ttf ] || missing="$missing fonts-ipafont-gothic"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"

if [ -z "$missing" ]; then
    echo "test dependencies already installed (sshd, snmpd, snmp, ssh-keygen, IPA Gothic font, pdftotext)"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "need root or sudo to install:$missing" >&2
    exit 1
fi

echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086 # the package list is meant to split into words
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
