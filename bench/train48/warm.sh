#!/usr/bin/env bash
# warm.sh JAR T LABEL [extra JVM options]: bench/train9/TrainingWarmupCpu (cnn2, 300 steps = the 19,200-image
# epoch) with the launcher's training options: process CPU after steps 1/10/30/100/300, JIT totals (CITime).
# Needs: javac --add-modules jdk.incubator.vector -cp JAR -d /tmp/train48/warm bench/train9/TrainingWarmupCpu.java
jar=$1; T=$2; label=$3; shift 3
here="$(cd "$(dirname "$0")" && pwd)"
mapfile -t OPTS < <("$here/opts.sh" "$T")
out=${OUT:-/tmp/train48/runs}; mkdir -p "$out"
/usr/lib/jvm/temurin-25-jdk-amd64/bin/java "${OPTS[@]}" -XX:+CITime "$@" -cp "$jar:/tmp/train48/warm" TrainingWarmupCpu "$T" \
  > "$out/$label.txt" 2>&1
echo "== $label T=$T $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
grep -E '^after step' "$out/$label.txt" | sed -E 's/, thread CPU ms.*//'
grep -E '^  C[12] \{|Total compilation time' "$out/$label.txt" | head -4
