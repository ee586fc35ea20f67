#!/usr/bin/env bash
# epoch-phases.sh JAR T LABEL [extra JVM options]: where a first epoch of cnn2 goes, by phase.
# Runs bench/train9/TrainingWarmupCpu (cnn2 + Adam, batch 64, 300 steps = compare_training's 19,200-image epoch)
# with the launcher's training options (OPTS_OF: bench/train48/opts.sh or train49/opts.sh; no -Xbatch at T = 1), JDK 25,
# -XX:+CITime and -XX:+PrintCompilation (the JVM's output on stderr, LABEL.jit), then phases.py: thread CPU to steps 1/10/30/100/300, the steady step
# (steps 100-300), what the first 100 steps cost beyond 100 steady ones, and the C2 compiles in each phase.
# Needs: javac --add-modules jdk.incubator.vector -cp JAR -d /tmp/train49/warm bench/train9/TrainingWarmupCpu.java
jar=$1; T=$2; label=$3; shift 3
here="$(cd "$(dirname "$0")" && pwd)"
# OPTS_OF=train48 (main's launcher) or train49 (this branch's), default train49
mapfile -t OPTS < <("$here/../${OPTS_OF:-train49}/opts.sh" "$T")
out=${OUT:-/tmp/train49/runs}; mkdir -p "$out"
/usr/lib/jvm/temurin-25-jdk-amd64/bin/java "${OPTS[@]}" -XX:+CITime -XX:+PrintCompilation -XX:+DisplayVMOutputToStderr "$@" \
  -cp "$jar:/tmp/train49/warm" TrainingWarmupCpu "$T" > "$out/$label.txt" 2> "$out/$label.jit"
echo "== $label T=$T options ${OPTS_OF:-train49} $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
python3 "$here/phases.py" "$out/$label.txt" "$out/$label.jit"
