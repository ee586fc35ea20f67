#!/usr/bin/env bash
# epoch-phases.sh JAR T LABEL [extra JVM options]: train49's epoch-phases.sh (where a first epoch of cnn2 goes, by
# phase: bench/train9/TrainingWarmupCpu, cnn2 + Adam, batch 64, 300 steps = compare_training's 19,200-image epoch,
# JDK 25 unless JAVA=, -XX:+CITime and -XX:+PrintCompilation), always with main's launcher options for `train`
# (bench/train48/opts.sh: -Xbatch at T = 2 on this host, the Panama kernels' CompileThresholdScaling 0.1), then
# train49's phases.py. Needs: javac --add-modules jdk.incubator.vector -cp JAR -d /tmp/tw50/warm bench/train9/TrainingWarmupCpu.java
jar=$1; T=$2; label=$3; shift 3
here="$(cd "$(dirname "$0")" && pwd)"
mapfile -t OPTS < <("$here/../train48/opts.sh" "$T")
out=${OUT:-/tmp/tw50/runs}; mkdir -p "$out"
"${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}" "${OPTS[@]}" -XX:+CITime -XX:+PrintCompilation \
  -XX:+DisplayVMOutputToStderr "$@" -cp "$jar:/tmp/tw50/warm" TrainingWarmupCpu "$T" > "$out/$label.txt" 2> "$out/$label.jit"
echo "== $label T=$T $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg) options: main's launcher $*"
python3 "$here/../train49/phases.py" "$out/$label.txt" "$out/$label.jit"
echo "micro-kernel runs' C2 compiles (ms JVM uptime, % = on stack):"
grep -E "PanamaMicroKernel::(packedRun|rowsRun)" "$out/$label.jit" | grep -vE "\s[123]\s+dev" | sed "s/^/  /"
