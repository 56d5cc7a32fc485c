#!/usr/bin/env bash
# Compliance engine benchmark: seeds N assets (default 10,000) through the ingest path into an
# in-process collector with SQLite, then times full and incremental re-evaluation.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package -pl benchmarks -am
java -Xmx2g -XX:+UseSerialGC -cp benchmarks/target/akashi-bench.jar jp.akashi.bench.EvaluationBench "${1:-10000}"
