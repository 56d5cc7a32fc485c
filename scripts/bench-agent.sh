#!/usr/bin/env bash
# Agent footprint benchmark: wall time and peak RSS of one `collect` (JVM start included), side
# by side with the system Java and the jar vs the package's bundled runtime (jlink) with its
# AppCDS archive, beside the raw commands and file reads the probes make (ratio printed), and the
# package sizes. With --daemon, also the resident memory of `run` against a real collector.
#   scripts/bench-agent.sh [--daemon] [runs]
# Goals (docs/BENCHMARKS.md): packaged collect <= 1.0 s wall and <= 64 MB peak RSS on a quiet
# machine; each package <= 60 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
daemon=0
if [ "${1:-}" = "--daemon" ]; then daemon=1; shift; fi
runs="${1:-10}"
./mvnw -q -B -DskipTests package -pl probes,agent,collector-server,packaging
# the same options as the systemd unit's rounds (packaging/linux/akashi-agent.service)
read -r -a JAVA_OPTS <<< "${AGENT_JAVA_OPTS:--Xms8m -Xmx64m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=64m}"
jar=agent/target/akashi-agent.jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# the package as installed: the staged /opt/akashi-agent, its archive dumped by the package's own cds.sh
cp -a packaging/target/stage-x86_64/opt/akashi-agent "$work/akashi-agent"
"$work/akashi-agent/lib/cds.sh"
pkg="$work/akashi-agent"

# the raw work: every command the probes ran and every file they read, from a capture of this host
java "${JAVA_OPTS[@]}" -jar "$jar" collect --capture "$work/host.json.gz" -o /dev/null 2> /dev/null
python3 - "$work/host.json.gz" > "$work/raw.sh" <<'PY'
import gzip, json, shlex, sys
d = json.load(gzip.open(sys.argv[1]))
for c in d["commands"]:
    print(shlex.join(c["argv"]) + " > /dev/null 2>&1")
for f in d["files"]:
    print("cat " + shlex.quote(f["path"]) + " > /dev/null 2>&1")
print("true")
PY

measure() {  # key label command...: median/min/max wall and the highest peak RSS over $runs runs
  local key="$1" label="$2" out="$work/$1.times"; shift 2
  : > "$out"
  for _ in $(seq "$runs"); do /usr/bin/time -f "%e %M" -a -o "$out" "$@" > /dev/null 2>&1; done
  sort -n "$out" | awk -v l="$label" -v f="$work/$key.median" '{w[NR]=$1; if ($2>m) m=$2}
    END {printf "  %-38s %6.2f s %6.2f s %6.2f s %8.1f MB\n", l, w[int((NR+1)/2)], w[1], w[NR], m/1024; print w[int((NR+1)/2)] > f}'
}
own_peak() {  # command...: the process's own peak RSS (VmHWM, sampled every 50 ms until it exits), in MB
  "$@" > /dev/null 2>&1 &
  local pid=$! m=0 v
  while kill -0 "$pid" 2>/dev/null; do
    v=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    [ -n "$v" ] && m=$v
    sleep 0.05
  done
  wait "$pid" || true
  awk -v m="$m" 'BEGIN {printf "%.1f", m / 1024}'
}
echo "collect: $runs runs each (${JAVA_OPTS[*]}), load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores"
printf "  %-38s %8s %8s %8s %11s\n" "" median min max "peak RSS"
# --fresh: every command runs, as in the first collection after a change of the package state; without
# it, as in the service's rounds, a slow command whose inputs are unchanged answers from its last run
# (StampedCommand; the memo lives in the state directory, here a scratch one)
pkgrun=("$pkg/runtime/bin/java" "${JAVA_OPTS[@]}" -XX:SharedArchiveFile="$pkg/lib/akashi-agent.jsa" -jar "$pkg/lib/akashi-agent.jar")
measure system "system Java $(java -version 2>&1 | head -1 | cut -d'"' -f2), jar, --fresh" java "${JAVA_OPTS[@]}" -jar "$jar" collect --fresh --state-dir "$work/state"
measure packaged "bundled runtime + AppCDS, --fresh" "${pkgrun[@]}" collect --fresh --state-dir "$work/state"
"${pkgrun[@]}" collect --state-dir "$work/state" > /dev/null 2>&1; sleep 2.1  # the first run keeps the memo
measure system_memo "system Java, repeat collection" java "${JAVA_OPTS[@]}" -jar "$jar" collect --state-dir "$work/state"
measure packaged_memo "bundled runtime + AppCDS, repeat" "${pkgrun[@]}" collect --state-dir "$work/state"
measure raw "raw: $(grep -c '^' "$work/raw.sh") commands and file reads" sh "$work/raw.sh"
# Container-built images (Docker's debuerreotype "docker-clean") switch apt's binary package cache
# off, so every `apt list --upgradable` parses all of /var/lib/apt/lists again (0.85 s here, 0.22 s
# with the cache). A Debian or Ubuntu server keeps the cache, so measure that case too: the same
# runs with apt's defaults restored through APT_CONFIG (nothing on the host is changed).
if command -v apt-config > /dev/null && [ "$(apt-config dump 2>/dev/null | grep -c '^Dir::Cache::pkgcache "";' || true)" != 0 ]; then
  mkdir -p "$work/apt/parts" "$work/apt/cache"
  for f in /etc/apt/apt.conf.d/*; do
    grep -q 'Dir::Cache::pkgcache ""' "$f" 2>/dev/null || cp "$f" "$work/apt/parts/" 2>/dev/null || true
  done
  printf 'Dir::Etc::parts "%s";\nDir::Cache::pkgcache "%s";\nDir::Cache::srcpkgcache "%s";\n' \
    "$work/apt/parts" "$work/apt/cache/pkgcache.bin" "$work/apt/cache/srcpkgcache.bin" > "$work/apt/apt.conf"
  export APT_CONFIG="$work/apt/apt.conf"
  apt list --upgradable > /dev/null 2>&1 || true  # builds the cache once, as apt does on a server
  echo "  this host's apt keeps no package cache (container image); with apt's default cache:"
  measure packaged_cache "bundled runtime + AppCDS, apt cache, --fresh" "${pkgrun[@]}" collect --fresh --state-dir "$work/state"
  measure packaged_seq "same, one probe at a time" "$pkg/runtime/bin/java" "${JAVA_OPTS[@]}" -Dakashi.probe.threads=1 \
    -XX:SharedArchiveFile="$pkg/lib/akashi-agent.jsa" -jar "$pkg/lib/akashi-agent.jar" collect --fresh --state-dir "$work/state"
  measure raw_cache "raw commands and file reads, apt cache" sh "$work/raw.sh"
  unset APT_CONFIG
fi
awk -v s="$(cat "$work/system.median")" -v p="$(cat "$work/packaged.median")" -v r="$(cat "$work/raw.median")" 'BEGIN {
  printf "  ratio to the raw commands (all run, --fresh): system Java %.1fx, packaged %.1fx; packaged vs system Java %.2fx\n", s / r, p / r, p / s }'
awk -v p="$(cat "$work/packaged.median")" -v m="$(cat "$work/packaged_memo.median")" 'BEGIN {
  printf "  repeat collection vs --fresh (packaged): %.2f s vs %.2f s, %.2fx\n", m, p, m / p }'
# GNU time's peak RSS covers the commands the agent starts too (on this host apt is the largest);
# the JVM's own peak is read from /proc
echo "  JVM's own peak RSS (VmHWM, 1 run, --fresh): system Java $(own_peak java "${JAVA_OPTS[@]}" -jar "$jar" collect --fresh --state-dir "$work/state") MB," \
  "bundled runtime + AppCDS $(own_peak "${pkgrun[@]}" collect --fresh --state-dir "$work/state") MB"
"${pkgrun[@]}" collect --fresh --state-dir "$work/state" \
  | python3 -c 'import json,sys,collections; d=json.load(sys.stdin); c=collections.Counter(f["status"] for f in d["facts"]); print("  facts: %d (%s)" % (len(d["facts"]), ", ".join("%s %d" % kv for kv in sorted(c.items()))))' 2>/dev/null || true
echo "packages (goal <= 60 MB each):"
for f in packaging/target/*.deb packaging/target/*.rpm; do
  [ -f "$f" ] && awk -v n="$(basename "$f")" -v b="$(stat -c %s "$f")" 'BEGIN {printf "  %-50s %6.1f MB\n", n, b / 1048576}'
done
echo "  bundled runtime $(du -sh "$pkg/runtime" | cut -f1), AppCDS archive $(du -sh "$pkg/lib/akashi-agent.jsa" | cut -f1) (made at install)"
[ "$daemon" = 1 ] || exit 0

dir=$(mktemp -d)
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("",0));print(s.getsockname()[1])')
AKASHI_ADMIN_PASSWORD=bench-password-123 java -Xmx512m -XX:+UseSerialGC -jar collector-server/target/akashi-collector.jar \
  --data-dir "$dir/collector" --port "$port" > "$dir/collector.log" 2>&1 &
cpid=$!
trap 'kill $cpid ${apid:-} 2>/dev/null; wait 2>/dev/null; rm -rf "$dir" "$work"' EXIT
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
