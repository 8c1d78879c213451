#!/usr/bin/env bash
# Spark local[2] against the single-JVM command line on the same machine: the profile of one CSV file of ROWS rows
# x 25 columns (bench/spark/gen_rows.py), timed under GNU time (wall, CPU = user + sys, peak RSS), rows per second,
# the load average before and after, and a check that `mlstages drift` finds no drift between the two profiles.
#
# The Spark side runs the job jar through org.apache.spark.deploy.SparkSubmit, the class the spark-submit script
# runs, on the classpath of a plain Spark 4.2 (bench/spark/pom.xml: Spark's own Jackson and all), with the JVM
# options Spark's launcher adds on Java 17. Both JVMs get the same heap.
#
# Usage: bench/spark/run.sh [--rows N] [--heap SIZE] [--out DIR]
#   --rows N     rows of the file (default 10000000)
#   --heap SIZE  -Xmx of both JVMs (default 1g)
#   --out DIR    work folder (default /tmp/mlstages-bench-spark); the data is kept there for the next run
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
ROWS=10000000
HEAP=1g
OUT=/tmp/mlstages-bench-spark
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS="${2:?--rows needs a value}"; shift 2 ;;
    --heap) HEAP="${2:?--heap needs a value}"; shift 2 ;;
    --out) OUT="${2:?--out needs a value}"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$ROWS" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --rows must be a positive integer, got '$ROWS'" >&2; exit 2; }
TIME_BIN="${TIME_BIN:-/usr/bin/time}"
[ -x "$TIME_BIN" ] || { echo "run.sh: GNU time not found at $TIME_BIN: apt-get install -y time" >&2; exit 2; }
mkdir -p "$OUT"

CLI_JAR="$ROOT/cli/target/mlstages-all.jar"
JOB_JAR="$ROOT/spark/target/mlstages-spark-job.jar"
if [ ! -f "$CLI_JAR" ] || [ ! -f "$JOB_JAR" ]; then
  echo "== building the command line and the Spark job jar"
  (cd "$ROOT" && ./mvnw -B -q -pl cli,spark -am package -DskipTests -Dspotbugs.skip -Djacoco.skip=true)
fi
CLASSPATH_FILE="$OUT/spark-classpath.txt"
if [ ! -s "$CLASSPATH_FILE" ]; then
  echo "== resolving a plain Spark 4.2 classpath"
  (cd "$ROOT" && ./mvnw -B -q -f bench/spark/pom.xml dependency:build-classpath -Dmdep.outputFile="$CLASSPATH_FILE")
fi

DATA="$OUT/rows-$ROWS.csv"
if [ ! -s "$DATA" ]; then
  echo "== data: $ROWS rows x 25 columns -> $DATA"
  python3 "$ROOT/bench/spark/gen_rows.py" --rows "$ROWS" --out "$DATA.tmp" && mv "$DATA.tmp" "$DATA"
fi

# the options of Spark's launcher on Java 17 (JavaModuleOptions in spark-launcher), as spark/pom.xml gives its tests
OPENS=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true)

RESULTS="$OUT/results.tsv"
printf 'tool\twall_s\tcpu_s\tpeak_rss_mb\texit\n' > "$RESULTS"
# timed LABEL -- command...: one run under GNU time, appended to $RESULTS
timed() {
  local label="$1"; shift 2
  local rc=0
  "$TIME_BIN" -f '%e %U %S %M' -o "$OUT/time.txt" "$@" > "$OUT/${label}.out" 2> "$OUT/${label}.err" || rc=$?
  read -r wall user sys rss < <(tail -1 "$OUT/time.txt")
  awk -v l="$label" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" -v rc="$rc" \
    'BEGIN { printf "%s\t%.2f\t%.2f\t%.0f\t%d\n", l, w, u + s, m / 1024, rc }' >> "$RESULTS"
  [ "$rc" -eq 0 ] || { echo "run.sh: $label exited $rc; see $OUT/${label}.err" >&2; return 1; }
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "== load average before: $LOAD_BEFORE ($(nproc) cores)"
echo "== mlstages profile (one JVM, -Xmx$HEAP)"
timed cli -- java -Xmx"$HEAP" -jar "$CLI_JAR" profile "$DATA" -o "$OUT/cli.json"
echo "== Spark local[2] (SparkSubmit, -Xmx$HEAP)"
SPARK_LOCAL_IP=127.0.0.1 timed spark -- java "${OPENS[@]}" -Xmx"$HEAP" -cp "$(cat "$CLASSPATH_FILE")" \
  org.apache.spark.deploy.SparkSubmit --master 'local[2]' --conf spark.ui.enabled=false \
  --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
  --class io.mlstages.spark.ProfileJob "$JOB_JAR" "$DATA" -o "$OUT/spark.json"
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "== load average after: $LOAD_AFTER"

echo "== the two profiles compared by mlstages drift (exit 0: no drift)"
drift_rc=0
java -jar "$CLI_JAR" drift --reference "$OUT/cli.json" --current "$OUT/spark.json" > "$OUT/drift.txt" 2>&1 \
  || drift_rc=$?
tail -3 "$OUT/drift.txt"

echo
echo "rows: $ROWS x 25 columns; load average (1, 5, 15 min) before $LOAD_BEFORE, after $LOAD_AFTER on $(nproc) cores"
awk -F'\t' -v rows="$ROWS" 'NR == 1 { printf "| tool | wall s | cpu s | cpu / wall | rows/s (wall) | peak RSS MB |\n|---|---|---|---|---|---|\n"; next }
  { printf "| %s | %.1f | %.1f | %.2f | %.0f | %d |\n", ($1 == "cli" ? "mlstages profile, one JVM" : "Spark local[2], SparkSubmit"),
      $2, $3, $3 / $2, rows / $2, $4 }' "$RESULTS"
echo "drift between the two profiles: exit $drift_rc (0 means none)"
[ "$drift_rc" -eq 0 ]
