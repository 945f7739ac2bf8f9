#!/usr/bin/env bash
# Submits one FYM command to a cluster with a Spark 4.2 distribution's spark-submit:
#   deploy/submit.sh MASTER CONF [fym global options] <command> [options]
#   deploy/submit.sh spark://master:7077 conf/cluster.conf --out s3a://bucket/fym ingest --corpus s3a://bucket/corpus
#   deploy/submit.sh yarn conf/gpu.conf --out s3a://bucket/fym trajectories
# Needs SPARK_HOME (or spark-submit on PATH) and the application jar (mvn -DskipTests package ->
# jobs/target/fym-app.jar). The driver runs here (client mode) and reads CONF; its spark.* keys reach the
# executors through the session. Credentials: --set spark.hadoop.fs.s3a.*=... or the cluster's own provider chain;
# they are never logged nor written to the runs table.
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n '2,9p' "$0" >&2
  exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
master="$1"
conf="$2"
shift 2
submit="${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit"
jar="${FYM_APP_JAR:-$here/jobs/target/fym-app.jar}"
exec "$submit" --master "$master" --deploy-mode client --class ai.fym.jobs.cli.Main \
  --driver-memory "${FYM_DRIVER_MEMORY:-8g}" \
  --driver-java-options "-Dai.djl.offline=true -Dorg.bytedeco.javacpp.cachedir=/tmp/fym-javacpp -DDJL_CACHE_DIR=/tmp/fym-djl" \
  "$jar" --conf "$conf" "$@"
