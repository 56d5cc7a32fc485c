#!/usr/bin/env bash
# Collector ingest benchmark: starts a fresh collector (TLS) and lets simulated agents post
# ~200-fact reports. Prints reports/s, latency percentiles and the collector's CPU per report.
#   scripts/bench-ingest.sh [agents] [reports] [concurrency]               SQLite (the default)
#   scripts/bench-ingest.sh --postgres [agents] [reports] [concurrency]    a throwaway PostgreSQL cluster
# With --postgres it also prints PostgreSQL's CPU and WAL bytes per report, and PostgreSQL's own
# limit for the same rows (COPY of the reports, bodies and current facts the run wrote) as a ratio.
# MVN_OFFLINE=-o builds without the network; BENCH_NO_BUILD=1 uses the jars already built (build them
# under nice beforehand, so that the measurement alone runs at normal priority);
# BENCH_PG_OPTS more PostgreSQL settings (-c name=value); BENCH_PG_STATEMENTS=1 prints the statements per
# report (needs BENCH_PG_OPTS='-c shared_preload_libraries=pg_stat_statements'); COLLECTOR_JAR another collector jar (A/B runs); COLLECTOR_JAVA_OPTS sets the collector JVM options.
set -euo pipefail
cd "$(dirname "$0")/.."
pg=false
if [ "${1:-}" = "--postgres" ]; then pg=true; shift; fi
[ -n "${BENCH_NO_BUILD:-}" ] || ./mvnw -q -B ${MVN_OFFLINE:-} -DskipTests package -pl benchmarks,collector-server -am
dir=$(mktemp -d)
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("",0));print(s.getsockname()[1])' 2>/dev/null || echo 18743)
pgpid=""
cleanup() {
  [ -n "${pid:-}" ] && { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }
  if [ -n "$pgpid" ]; then as_pg pg_ctl -D "$dir/pg" -m fast -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
# CPU ms of the PostgreSQL cluster: the postmaster, its live children, and its exited children
pg_cpu() {
  local total=0 p
  for p in "$pgpid" $(ps -o pid= --ppid "$pgpid"); do
    [ -r "/proc/$p/stat" ] || continue
    total=$((total + $(sed 's/.*) //' "/proc/$p/stat" | awk '{print $12 + $13 + $14 + $15}')))
  done
  echo $((total * 10))
}
psql_pg() { as_pg psql -X -q -t -A -h "$dir" -p "$pgport" -U akashi akashi "$@"; }
if $pg; then
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  export PATH="$bin:$PATH"
  pgport=$(python3 -c 'import socket;s=socket.socket();s.bind(("",0));print(s.getsockname()[1])')
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  as_pg initdb -D "$dir/pg" -U akashi --auth=trust -E UTF8 --locale=C >/dev/null
  # stock settings (fsync on) except a larger shared_buffers, as any PostgreSQL for a fleet would have
  as_pg pg_ctl -D "$dir/pg" -l "$dir/pg.log" -w -o "-p $pgport -k $dir -c listen_addresses=127.0.0.1 -c shared_buffers=512MB ${BENCH_PG_OPTS:-}" start >/dev/null
  as_pg createdb -h "$dir" -p "$pgport" -U akashi akashi
  pgpid=$(head -1 "$dir/pg/postmaster.pid")
  export AKASHI_DB_URL="jdbc:postgresql://127.0.0.1:$pgport/akashi" AKASHI_DB_USER=akashi
  echo "PostgreSQL $(psql_pg -c 'SHOW server_version') on port $pgport (fsync on, shared_buffers 512MB)"
fi
mkdir -p "$dir/data"
AKASHI_ADMIN_PASSWORD=bench-password-123 java ${COLLECTOR_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC} -jar "${COLLECTOR_JAR:-collector-server/target/akashi-collector.jar}" \
  --data-dir "$dir/data" --port "$port" > "$dir/collector.log" 2>&1 &
pid=$!
for _ in $(seq 600); do curl -skf "https://localhost:$port/health" >/dev/null 2>&1 && break; sleep 0.5; done
curl -skf "https://localhost:$port/health" >/dev/null 2>&1 || { echo "the collector did not start:"; tail -30 "$dir/collector.log"; exit 1; }
fp=$(sed -n 's/^TLS certificate fingerprint: //p' "$dir/collector.log")
if $pg; then
  if [ -n "${BENCH_PG_STATEMENTS:-}" ]; then
    psql_pg -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' -c 'SELECT pg_stat_statements_reset()' >/dev/null
  fi
  cpu0=$(pg_cpu); wal0=$(psql_pg -c 'SELECT pg_current_wal_lsn()'); n0=$(psql_pg -c 'SELECT COUNT(*) FROM reports')
fi
java -Xmx1500m -cp benchmarks/target/akashi-bench.jar jp.akashi.bench.IngestBench "https://localhost:$port" "$fp" \
  bench-password-123 "${1:-500}" "${2:-40000}" "${3:-16}" "$pid" | tee "$dir/bench.txt"
if $pg; then
  cpu1=$(pg_cpu); n1=$(psql_pg -c 'SELECT COUNT(*) FROM reports')
  wal=$(psql_pg -c "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '$wal0')")
  n=$((n1 - n0))
  python3 -c "print('PostgreSQL: %.2f ms CPU and %.1f KB WAL per report (%d reports incl. warm-up and evaluation)' % (($cpu1-$cpu0)/$n, $wal/$n/1024, $n))"
  echo "database: $(psql_pg -c "SELECT pg_size_pretty(pg_database_size('akashi'))") after the run (PostgreSQL)"
  if [ -n "${BENCH_PG_STATEMENTS:-}" ]; then
    # statements per report (pg_stat_statements, started with BENCH_PG_OPTS='-c shared_preload_libraries=pg_stat_statements')
    echo "statements per report (pg_stat_statements; BEGIN/COMMIT included):"
    psql_pg -F ' | ' -c "SELECT round(SUM(calls)::numeric / $n, 2) FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'"
    psql_pg -F ' | ' -c "SELECT round(calls::numeric / $n, 3), round(total_exec_time::numeric / $n, 3) AS ms, left(regexp_replace(query, '\s+', ' ', 'g'), 150) FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY calls DESC LIMIT 30"
  fi
  # PostgreSQL's own limit for these rows: COPY the reports, their bodies and the current facts
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  # one row of each per report: every report wrote a report row, a body and its asset's current facts
  for t in reports report_bodies; do
    psql_pg -c "CREATE TABLE copy_$t (LIKE $t INCLUDING ALL)"
    psql_pg -c "\\copy $t TO '$dir/$t.copy'"
  done
  psql_pg -c "CREATE TABLE copy_asset_facts (LIKE asset_facts)"
  psql_pg -c "\\copy (SELECT f.* FROM asset_facts f, generate_series(1, (SELECT CEIL($n1.0 / COUNT(*))::int FROM asset_facts)) LIMIT $n1) TO '$dir/asset_facts.copy'"
  rate=$(sed -n 's/^ingest: .* = \([0-9]*\) reports\/s.*/\1/p' "$dir/bench.txt")
  c0=$(pg_cpu); s0=$(date +%s.%N)
  for t in reports report_bodies asset_facts; do psql_pg -c "\\copy copy_$t FROM '$dir/$t.copy'"; done
  s1=$(date +%s.%N); c1=$(pg_cpu)
  python3 -c "
secs = $s1 - $s0; rows = $n1
print('COPY of the same rows (%d reports, their bodies and as many current-facts rows of %s assets): %.1f s = %.0f reports/s, PostgreSQL CPU %.2f ms per report' % (rows, '$(psql_pg -c 'SELECT COUNT(*) FROM asset_facts')', secs, rows / secs, ($c1 - $c0) / rows))
print('ingest reaches %.1f %% of that rate (%s reports/s through the collector); load average $(cut -d' ' -f1-3 /proc/loadavg)' % (100.0 * $rate / (rows / secs), '$rate'))
"
else
  echo "database: $(du -sh "$dir/data" | cut -f1) after the run (SQLite, WAL)"
fi
