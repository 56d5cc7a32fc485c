#!/bin/sh
# Removes the Akashi agent from macOS: the LaunchDaemon, program files and (unless --keep-config)
# the configuration and credential. Revoke the agent in the collector as well.
set -eu
LABEL=jp.akashi.agent
KEEP=0
[ "${1:-}" = "--keep-config" ] && KEEP=1
[ "$(id -u)" -eq 0 ] || { echo "akashi: run with sudo" >&2; exit 1; }
launchctl bootout system/"$LABEL" 2>/dev/null || true
rm -f /Library/LaunchDaemons/jp.akashi.agent.plist
rm -rf /Library/Akashi /Library/Logs/Akashi
[ "$KEEP" -eq 1 ] || rm -rf "/Library/Application Support/Akashi"
echo "Akashi エージェントを削除しました / Akashi agent removed."
