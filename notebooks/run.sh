#!/usr/bin/env bash
# Opens or executes the Java notebooks against a running local stack.
#   notebooks/run.sh open               Jupyter in the browser (start a stack with data first: ./loyalty demo --keep-running)
#   notebooks/run.sh execute OUT_DIR    run every notebook headless into OUT_DIR; fails when a cell fails
# The stack is found through LOYALTY_STACK_STATE (default: work/stack.json, written by './loyalty stack up' and
# './loyalty demo --keep-running'). The kernel is rapaio-jupyter-kernel from Maven Central on this machine's JDK 17;
# Jupyter is Debian's (apt-get install jupyter-notebook jupyter-nbconvert python3-ipykernel).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
KERNEL="$HERE/target/kernel"
JUPYTER=/usr/bin/jupyter   # another python3 earlier on PATH may lack nbformat (STACK.md)

die() { echo "error: $*" >&2; exit 1; }
[[ -x $JUPYTER ]] || "$ROOT/runtime/setup.sh" notebooks   # installs Debian's Jupyter, or says the one command to run
[[ -f $KERNEL/rapaio-jupyter-kernel.jar ]] || die "the kernel is not built: run 'mvn -B -q install -DskipTests' (or ./loyalty once)."
STATE="${LOYALTY_STACK_STATE:-$ROOT/work/stack.json}"
[[ -f $STATE ]] || die "no running stack ($STATE missing): start one with './loyalty demo --keep-running' or './loyalty stack up'."

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# Hadoop's file access fails on Java 25 ('getSubject is not supported'), so the kernel stays on 17..23.
version=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
(( version >= 17 && version < 24 )) || die "the notebook kernel needs a JDK 17 to 23 (found $version at $JAVA): set JAVA_HOME."

mkdir -p "$KERNEL/share/jupyter/kernels/loyalty-java"
python3 - "$KERNEL" "$HERE/kernel" "$ROOT/spark-ml/spark-jvm.options" "$JAVA" "$STATE" <<'PY'
import json, sys
kernel, settings, spark_options, java, state = sys.argv[1:6]
# Spark's JVM options on Java 17: the one list spark-ml keeps (and tests against LoyaltySpark.JAVA_OPTIONS)
opts = [line.strip() for line in open(spark_options) if line.strip() and not line.startswith("#")]
spec = {
  "display_name": "Java (loyalty)", "language": "java", "interrupt_mode": "message",
  "argv": [java, "-Xmx2g", "-Djava.awt.headless=true", *opts,
           f"-Dlog4j2.configurationFile={settings}/log4j2.properties",
           "-jar", f"{kernel}/rapaio-jupyter-kernel.jar", "{connection_file}"],
  "env": {"RJK_CLASSPATH": f"{kernel}/jars/*", "RJK_TIMEOUT_MILLIS": "-1", "RJK_INIT_SCRIPT": f"{settings}/init.jsh",
          "SPARK_LOCAL_IP": "127.0.0.1", "LOYALTY_STACK_STATE": state}}
json.dump(spec, open(f"{kernel}/share/jupyter/kernels/loyalty-java/kernel.json", "w"), indent=1)
PY
export JUPYTER_PATH="$KERNEL/share/jupyter"

case "${1:-}" in
  open)
    exec "$JUPYTER" notebook --notebook-dir="$HERE" ;;
  execute)
    out="${2:?usage: run.sh execute OUT_DIR}"
    mkdir -p "$out"
    for nb in "$HERE"/*.ipynb; do
      name=$(basename "$nb")
      echo "executing $name …"
      # About one kernel start in ten hangs (STACK.md: a race in the kernel's channel setup): bounded, and retried.
      for attempt in 1 2 3; do
        rc=0
        timeout 900 "$JUPYTER" nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
          --ExecutePreprocessor.startup_timeout=120 --ExecutePreprocessor.kernel_name=loyalty-java \
          --output-dir "$out" "$nb" || rc=$?
        [[ $rc -eq 0 ]] && break
        [[ $attempt -eq 3 ]] && die "$name failed (exit $rc)"
        echo "attempt $attempt of $name failed (exit $rc); retrying"
      done
    done ;;
  *) die "usage: notebooks/run.sh open | execute OUT_DIR" ;;
esac
