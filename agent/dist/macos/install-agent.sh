#!/bin/sh
# Installs the Akashi agent on macOS 12 or later and enrolls it with the collector.
#   sudo ./install-agent.sh --server https://akashi.example.co.jp:8443 --token TOKEN [--fingerprint sha256:HEX]
# Program: /Library/Akashi (jar + Java runtime); configuration and credential:
# /Library/Application Support/Akashi (root only); schedule: LaunchDaemon jp.akashi.agent, hourly.
# Run again to upgrade; the enrollment is kept unless --reenroll is given.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
INSTALL_DIR=/Library/Akashi
CONFIG_DIR="/Library/Application Support/Akashi"
LOG_DIR=/Library/Logs/Akashi
PLIST=/Library/LaunchDaemons/jp.akashi.agent.plist
LABEL=jp.akashi.agent
SERVER='' TOKEN='' FINGERPRINT='' REENROLL=0
JAR="$HERE/akashi-agent.jar"
JAVA_HOME_ARG=''

fail() { echo "akashi: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
    case "$1" in
        --server) SERVER=${2:-}; shift 2 ;;
        --token) TOKEN=${2:-}; shift 2 ;;
        --fingerprint) FINGERPRINT=${2:-}; shift 2 ;;
        --jar) JAR=${2:-}; shift 2 ;;
        --java-home) JAVA_HOME_ARG=${2:-}; shift 2 ;;
        --reenroll) REENROLL=1; shift ;;
        -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
        *) fail "unknown option $1 (see --help)" ;;
    esac
done

# --- checks: nothing changes until every input is valid ---
[ "$(id -u)" -eq 0 ] || fail "run with sudo (root is needed to install a LaunchDaemon)"
[ "$(uname -s)" = Darwin ] || fail "this script is for macOS"
echo "$SERVER" | grep -Eq '^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?/?$' || fail "--server must be the collector's https:// URL (got '$SERVER')"
if [ -n "$FINGERPRINT" ]; then
    echo "$FINGERPRINT" | grep -Eq '^(sha256:)?[0-9A-Fa-f]{64}$' || fail "--fingerprint must be sha256: followed by 64 hex digits"
    case "$FINGERPRINT" in sha256:*) ;; *) FINGERPRINT="sha256:$FINGERPRINT" ;; esac
fi
[ -f "$JAR" ] || fail "akashi-agent.jar not found at '$JAR' (use --jar)"
ENROLLED=0
[ -f "$CONFIG_DIR/agent.json" ] && ENROLLED=1
if [ "$ENROLLED" -eq 0 ] || [ "$REENROLL" -eq 1 ]; then
    [ -n "$TOKEN" ] || fail "--token is required to enroll (create one in the collector)"
fi

# Java: the runtime shipped beside this script, else --java-home, else /usr/libexec/java_home.
if [ -x "$HERE/runtime/bin/java" ]; then
    RUNTIME_SRC="$HERE/runtime"
elif [ -n "$JAVA_HOME_ARG" ]; then
    RUNTIME_SRC="$JAVA_HOME_ARG"
elif RUNTIME_SRC=$(/usr/libexec/java_home -v 17+ 2>/dev/null); then
    :
else
    fail "no Java 17+ runtime: put one in ./runtime beside this script or pass --java-home"
fi
[ -x "$RUNTIME_SRC/bin/java" ] || fail "no bin/java under '$RUNTIME_SRC'"
SPEC=$("$RUNTIME_SRC/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java\.specification\.version = \([0-9]*\).*/\1/p')
if [ -z "$SPEC" ] || [ "$SPEC" -lt 17 ]; then
    fail "Java 17 or later is required ('$RUNTIME_SRC')"
fi

# --- install ---
mkdir -p "$INSTALL_DIR" "$LOG_DIR"
cp "$JAR" "$INSTALL_DIR/akashi-agent.jar"
if [ "$RUNTIME_SRC" != "$INSTALL_DIR/runtime" ]; then
    rm -rf "$INSTALL_DIR/runtime"
    cp -R "$RUNTIME_SRC" "$INSTALL_DIR/runtime"
fi
# AppCDS: the archive is valid only for the jar at this path, so cds.sh dumps it here from the class
# list the package carries (a self-update runs it again); without it the agent only starts slower.
[ -f "$HERE/classes.lst" ] && cp "$HERE/classes.lst" "$INSTALL_DIR/classes.lst"
cp "$HERE/cds.sh" "$INSTALL_DIR/cds.sh"
sh "$INSTALL_DIR/cds.sh"
chown -R root:wheel "$INSTALL_DIR"
chmod -R go-w "$INSTALL_DIR"

# Configuration holds the agent's credential: root only.
mkdir -p "$CONFIG_DIR"
chown root:wheel "$CONFIG_DIR"
chmod 700 "$CONFIG_DIR"

JAVA="$INSTALL_DIR/runtime/bin/java"
if [ "$ENROLLED" -eq 0 ] || [ "$REENROLL" -eq 1 ]; then
    if [ -n "$FINGERPRINT" ]; then
        "$JAVA" -Xmx64m -XX:+UseSerialGC -jar "$INSTALL_DIR/akashi-agent.jar" enroll --server "$SERVER" --token "$TOKEN" \
            --fingerprint "$FINGERPRINT" --config-dir "$CONFIG_DIR" || fail "enrollment failed (see the message above)"
    else
        "$JAVA" -Xmx64m -XX:+UseSerialGC -jar "$INSTALL_DIR/akashi-agent.jar" enroll --server "$SERVER" --token "$TOKEN" \
            --config-dir "$CONFIG_DIR" || fail "enrollment failed (see the message above)"
    fi
fi

# LaunchDaemon: replace a loaded one, then start it (RunAtLoad starts the daemon now; it collects
# at once and then every enrolled interval, and launchd restarts it after a self-update's exit 75).
launchctl bootout system/"$LABEL" 2>/dev/null || true
cp "$HERE/jp.akashi.agent.plist" "$PLIST"
chown root:wheel "$PLIST"
chmod 644 "$PLIST"
plutil -lint "$PLIST" >/dev/null || fail "invalid $PLIST"
launchctl bootstrap system "$PLIST"

echo "Akashi エージェントをインストールしました / Akashi agent installed."
echo "  program: $INSTALL_DIR"
echo "  config : $CONFIG_DIR (root only)"
echo "  daemon : $LABEL (the enrolled interval), log $LOG_DIR/agent.log"
"$JAVA" -jar "$INSTALL_DIR/akashi-agent.jar" status --config-dir "$CONFIG_DIR" || true
