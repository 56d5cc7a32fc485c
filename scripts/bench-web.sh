#!/usr/bin/env bash
# Web console benchmark: seeds N assets (default 10,000) through the ingest path into an
# in-process collector with SQLite, adds a year of history (daily scores, check and criterion
# transitions), answers and exceptions, then times the console's pages with a logged-in session
# and prints p50/p95 per page (goal: p95 < 200 ms).
#   scripts/bench-web.sh [assets] [requests per page]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package -pl benchmarks -am
java -Xmx2g -XX:+UseSerialGC -cp benchmarks/target/akashi-bench.jar jp.akashi.bench.WebBench "${1:-10000}" "${2:-50}"
