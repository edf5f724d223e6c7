#!/usr/bin/env bash
# Generates the benchmark data (once; it is deterministic from seed 1) and runs the benchmarks with
# the JVM flags their targets are measured with. Figures are printed and appended as JSON lines to
# bench-data/results.jsonl. See docs/benchmarks.md.
#
#   vigil-bench/run.sh                 generate what is missing, then parse, import, reimport, jmh
#   vigil-bench/run.sh parse import    only those steps (generate | parse | import | reimport | jmh | profile)
#
# Environment: ENGINES (default "h2 postgres"), VIGIL_BENCH_DATA (default bench-data), VIGIL_BENCH_COMMIT
# (recorded with the figures; default: git's HEAD, "-dirty" with local changes),
# VIGIL_BENCH_PG_URL / _USER / _PASSWORD (default jdbc:postgresql://127.0.0.1:5432/vigil_test, postgres, "").
set -euo pipefail

cd "$(dirname "$0")/.."
JAR=vigil-bench/target/vigil-bench.jar
DATA=${VIGIL_BENCH_DATA:-bench-data}
ENGINES=${ENGINES:-h2 postgres}
PG_URL=${VIGIL_BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/vigil_test}
PG_USER=${VIGIL_BENCH_PG_USER:-postgres}
PG_PASSWORD=${VIGIL_BENCH_PG_PASSWORD:-}
COMMIT=${VIGIL_BENCH_COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo -dirty)}
STEPS=${*:-generate parse import reimport jmh}
LOG="$DATA/run-$(date -u +%Y%m%dT%H%M%SZ).log"

# G1 explicitly: on a small machine the JVM would otherwise pick the serial collector.
JAVA=(java -XX:+UseG1GC
  -Dvigil.bench.results="$DATA/results.jsonl"
  -Dvigil.bench.commit="$COMMIT"
  -Dvigil.bench.pg.url="$PG_URL" -Dvigil.bench.pg.user="$PG_USER" -Dvigil.bench.pg.password="$PG_PASSWORD")

mkdir -p "$DATA"

if [[ ! -f $JAR ]]; then
  echo "building $JAR"
  mvn -q -B -o install -DskipTests -pl vigil-bench -am || mvn -q -B install -DskipTests -pl vigil-bench -am
fi

# generate FILE ARGS...: writes FILE unless it exists; a partial file never survives an interruption.
generate() {
  local out=$1
  shift
  if [[ -f $out ]]; then
    return
  fi
  "${JAVA[@]}" -Xmx256m -cp "$JAR" vigil.bench.generate.Generate nessus "$@" --out "$out.partial"
  mv "$out.partial" "$out"
}

step_generate() {
  # ~100 MB: the parse target's size.
  generate "$DATA/nessus-100mb.nessus" --target-mb 100 --findings 250 --seed 1
  # 1,000,000 observations: 2,000 hosts x 500 findings, one file per 200 hosts (ten scans of one network).
  mkdir -p "$DATA/import-1m"
  for i in 0 1 2 3 4 5 6 7 8 9; do
    generate "$DATA/import-1m/part-0$i.nessus" --hosts 200 --findings 500 --seed 1 --first-host $((i * 200))
  done
  # 13,000 findings, and a re-scan of it: the same findings, other timestamps, other bytes.
  generate "$DATA/reimport-13k.nessus" --hosts 100 --findings 130 --seed 1
  generate "$DATA/reimport-13k-rescan.nessus" --hosts 100 --findings 130 --seed 1 --scan-time 2024-06-03T01:00:00Z
}

pg_reachable() {
  "${JAVA[@]}" -cp "$JAR" vigil.bench.e2e.PostgresProbe >/dev/null 2>&1
}

engines() {
  for engine in $ENGINES; do
    if [[ $engine == postgres ]] && ! pg_reachable; then
      echo "PostgreSQL is not reachable at $PG_URL as $PG_USER: skipping the postgres runs" >&2
      continue
    fi
    echo "$engine"
  done
}

step_parse() {
  # -Xmx256m proves the heap bound of the target: the parse fails if it needs more.
  "${JAVA[@]}" -Xmx256m -cp "$JAR" vigil.bench.e2e.ParseNessus "$DATA/nessus-100mb.nessus" --iterations 3
}

step_import() {
  for engine in $(engines); do
    "${JAVA[@]}" -Xmx1g -cp "$JAR" vigil.bench.e2e.ImportObservations --engine "$engine" --parse-baseline \
      "$DATA"/import-1m/part-0*.nessus
  done
}

step_reimport() {
  for engine in $(engines); do
    "${JAVA[@]}" -Xmx512m -cp "$JAR" vigil.bench.e2e.ReimportIdentical --engine "$engine" \
      --file "$DATA/reimport-13k.nessus" --rescan "$DATA/reimport-13k-rescan.nessus"
  done
}

step_jmh() {
  # The benchmark's own @Fork adds -Xmx256m to the forked JVM.
  java -jar "$JAR" NessusParseBenchmark -rf json -rff "$DATA/jmh-nessus-parse.json"
}

step_profile() {
  # CPU samples of the two long runs, summarised by top frames; the .jfr files open in JDK Mission Control.
  mkdir -p "$DATA/profile"
  "${JAVA[@]}" -Xmx256m -XX:StartFlightRecording=filename="$DATA/profile/parse.jfr",settings=profile \
    -cp "$JAR" vigil.bench.e2e.ParseNessus "$DATA/nessus-100mb.nessus" --iterations 3
  java -cp "$JAR" vigil.bench.profile.HotSpots "$DATA/profile/parse.jfr" --thread main --top 15
  "${JAVA[@]}" -Xmx1g -XX:StartFlightRecording=filename="$DATA/profile/import-h2.jfr",settings=profile \
    -cp "$JAR" vigil.bench.e2e.ImportObservations --engine h2 "$DATA"/import-1m/part-0*.nessus
  java -cp "$JAR" vigil.bench.profile.HotSpots "$DATA/profile/import-h2.jfr" --thread main --top 25
}

{
  echo "machine: $(nproc) cores, $(free -m | awk '/^Mem:/ {print $2}') MB memory, $(java -version 2>&1 | head -1)"
  for step in $STEPS; do
    echo "== $step"
    "step_$step"
  done
  echo "== results"
} 2>&1 | tee "$LOG"
grep -E '^(ParseNessus|ImportObservations|ReimportIdentical) |^NessusParseBenchmark|^Benchmark ' "$LOG" || true
echo "log: $LOG; JSON lines: $DATA/results.jsonl"
