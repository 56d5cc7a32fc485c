#!/usr/bin/env bash
# Agent footprint benchmark: wall time and peak RSS of `collect` (JVM start included), and,
# with --daemon, the resident memory of `run` against a real collector over a few minutes.
#   scripts/bench-agent.sh [--daemon] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
daemon=0
if [ "${1:-}" = "--daemon" ]; then daemon=1; shift; fi
runs="${1:-10}"
./mvnw -q -B -DskipTests package -pl agent,collector-server -am
# the same options as the systemd unit (agent/dist/linux/akashi-agent.service)
read -r -a JAVA_OPTS <<< "${AGENT_JAVA_OPTS:--Xmx48m -Xss256k -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=64m}"
jar=agent/target/akashi-agent.jar
out=$(mktemp)
echo "collect: $runs runs (${JAVA_OPTS[*]}), load average $(cut -d' ' -f1 /proc/loadavg)"
for _ in $(seq "$runs"); do
  /usr/bin/time -f "%e %M" -a -o "$out" java "${JAVA_OPTS[@]}" -jar "$jar" collect > /dev/null
done
sort -n "$out" | awk '{w[NR]=$1; if ($2>m) m=$2} END {printf "collect: median %.2f s, min %.2f s, max %.2f s wall; peak RSS %.1f MB\n", w[int((NR+1)/2)], w[1], w[NR], m/1024}'
java "${JAVA_OPTS[@]}" -jar "$jar" collect | python3 -c 'import json,sys,collections; d=json.load(sys.stdin); c=collections.Counter(f["status"] for f in d["facts"]); print("facts: %d (%s)" % (len(d["facts"]), ", ".join("%s %d" % kv for kv in sorted(c.items()))))' 2>/dev/null || true
rm -f "$out"
[ "$daemon" = 1 ] || exit 0

dir=$(mktemp -d)
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("",0));print(s.getsockname()[1])')
AKASHI_ADMIN_PASSWORD=bench-password-123 java -Xmx512m -XX:+UseSerialGC -jar collector-server/target/akashi-collector.jar \
  --data-dir "$dir/collector" --port "$port" > "$dir/collector.log" 2>&1 &
cpid=$!
trap 'kill $cpid ${apid:-} 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 120); do curl -skf "https://localhost:$port/health" >/dev/null 2>&1 && break; sleep 0.5; done
fp=$(sed -n 's/^TLS certificate fingerprint: //p' "$dir/collector.log")
tok=$(curl -skf -X POST "https://localhost:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"bench-password-123"}' | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
et=$(curl -skf -X POST "https://localhost:$port/api/v1/enrollment-tokens" -H "Authorization: Bearer $tok" \
  -H 'Content-Type: application/json' -d '{}' | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
java -jar "$jar" enroll --config-dir "$dir/agent" --server "https://localhost:$port" --token "$et" --fingerprint "$fp" --interval 60 > /dev/null
# the daemon itself as in the systemd unit; each round runs in a child with JAVA_OPTS
MALLOC_ARENA_MAX=2 java -Xms4m -Xmx24m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 \
  -XX:ReservedCodeCacheSize=8m -jar "$jar" run --config-dir "$dir/agent" --child-java-options "${JAVA_OPTS[*]}" > "$dir/agent.log" 2>&1 &
apid=$!
echo "daemon: reporting every 60 s, RSS of the daemon process sampled every 10 s (rounds run in child processes)"
max=0; last=0
for i in $(seq "${DAEMON_SAMPLES:-24}"); do
  sleep 10
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$apid/status")
  last=$rss; [ "$rss" -gt "$max" ] && max=$rss
  awk -v t=$((i * 10)) -v r="$rss" 'BEGIN {printf "  %3d s: %.1f MB\n", t, r / 1024}'
done
awk -v l="$last" -v m="$max" 'BEGIN {printf "daemon: steady-state RSS %.1f MB (last sample), highest %.1f MB\n", l / 1024, m / 1024}'
