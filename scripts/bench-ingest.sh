#!/usr/bin/env bash
# Collector ingest benchmark: starts a fresh collector (SQLite, TLS) and lets simulated agents
# post ~200-fact reports. Prints reports/s and latency percentiles.
#   scripts/bench-ingest.sh [agents] [reports] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package -pl benchmarks,collector-server -am
dir=$(mktemp -d)
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("",0));print(s.getsockname()[1])' 2>/dev/null || echo 18743)
AKASHI_ADMIN_PASSWORD=bench-password-123 java ${COLLECTOR_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC} -jar collector-server/target/akashi-collector.jar \
  --data-dir "$dir" --port "$port" > "$dir/collector.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 120); do curl -skf "https://localhost:$port/health" >/dev/null 2>&1 && break; sleep 0.5; done
fp=$(sed -n 's/^TLS certificate fingerprint: //p' "$dir/collector.log")
java -Xmx1500m -cp benchmarks/target/akashi-bench.jar jp.akashi.bench.IngestBench "https://localhost:$port" "$fp" \
  bench-password-123 "${1:-500}" "${2:-40000}" "${3:-16}" "$pid"
echo "database: $(du -sh "$dir" | cut -f1) after the run (SQLite, WAL)"
