#!/usr/bin/env bash
# phases.sh JAR T LABEL [extra JVM options]: tw50's epoch-phases.sh with the stop-52 launcher options (opts.sh here):
# bench/train9/TrainingWarmupCpu (cnn2 + Adam, batch 64, 300 steps = compare_training's epoch), thread CPU of the
# stepping threads, heap a steady step, -XX:+PrintCompilation; then train49's phases.py.
# Needs: javac --add-modules jdk.incubator.vector -cp JAR -d /tmp/trn53/warm bench/train9/TrainingWarmupCpu.java
jar=$1; T=$2; label=$3; shift 3
here="$(cd "$(dirname "$0")" && pwd)"
mapfile -t OPTS < <("$here/opts.sh")
out=${OUT:-/tmp/trn53/runs}; mkdir -p "$out"
"${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}" "${OPTS[@]}" -XX:+CITime -XX:+PrintCompilation \
  -XX:+DisplayVMOutputToStderr "$@" -cp "$jar:/tmp/trn53/warm" TrainingWarmupCpu "$T" > "$out/$label.txt" 2> "$out/$label.jit"
echo "== $label T=$T $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg) options: launcher (stop 52) $*"
python3 "$here/../train49/phases.py" "$out/$label.txt" "$out/$label.jit" | sed -n 1,8p
