#!/usr/bin/env bash
# Snapshot benchmark: seeds N assets (default 10,000) through the ingest path into an in-process
# collector with SQLite, then times two evidence snapshots (signed ZIP) and their offline
# verification, and prints the ZIP size. Goal: 10,000 assets in under 60 s. With AKASHI_BENCH_KEEP=<dir>
# the second snapshot is kept there and verified three times by `akashi-agent verify` in its own process
# (wall time and peak memory).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package -pl benchmarks -am
keep=${AKASHI_BENCH_KEEP:-}
java -Xmx2g -XX:+UseSerialGC ${keep:+-Dakashi.bench.keep="$keep"} -cp benchmarks/target/akashi-bench.jar jp.akashi.bench.SnapshotBench "${1:-10000}"
if [ -n "$keep" ]; then
  # offline verification in its own process, as an auditor runs it: wall time and peak memory (max RSS)
  ./mvnw -q -B -o -DskipTests package -pl agent -am
  for i in 1 2 3; do
    /usr/bin/time -f "  akashi-agent verify: %e s wall, %U s user, max RSS %M KB" \
      java -jar agent/target/akashi-agent.jar verify "$keep/snapshot.zip" --public-key "$keep/collector.pem" | tail -1
  done
fi
