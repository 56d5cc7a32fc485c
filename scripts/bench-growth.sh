#!/usr/bin/env bash
# Database growth benchmark: simulated days of 15-minute reports written through the real ingest
# path of two in-process collectors (SQLite), one never pruned and one pruned daily; prints the
# database size per asset per month with and without pruning, then the console's page times on
# the grown database (goal p95 < 200 ms). Time is simulated (see GrowthBench and docs/RETENTION.md).
#   scripts/bench-growth.sh [assets] [days] [retention days] [interval minutes]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package -pl benchmarks -am
java -Xmx2g -XX:+UseParallelGC -cp benchmarks/target/akashi-bench.jar jp.akashi.bench.GrowthBench "${1:-100}" "${2:-30}" "${3:-7}" "${4:-15}"
