#!/usr/bin/env bash
# Snapshot benchmark: seeds N assets (default 10,000) through the ingest path into an in-process
# collector with SQLite, then times two evidence snapshots (signed ZIP) and their offline
# verification, and prints the ZIP size. Goal: 10,000 assets in under 60 s.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package -pl benchmarks -am
java -Xmx2g -XX:+UseSerialGC -cp benchmarks/target/akashi-bench.jar jp.akashi.bench.SnapshotBench "${1:-10000}"
