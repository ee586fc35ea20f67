#!/bin/bash
# tier2-inlining.sh JAR LABEL [JVM options]: cnn2-c2's passes (ALLOC=1, kB a call) with -XX:Tier3DelayOn=0, so that
# methods go to C1 without profiling (tier 2) whenever C2 has a queue (the one-thread path that boxed), and C2's
# inlining decisions for packedRun printed (PrintInlining), to see what C2 leaves un-intrinsified on that path.
JAR=$1; label=$2; shift 2
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
here="$(cd "$(dirname "$0")/.." && pwd)"
out=${OUT:-/tmp/tw50/tier2}; mkdir -p "$out"
k=dev.convkit.core.kernels.panama.PanamaMicroKernel
ALLOC=1 "$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -XX:Tier3DelayOn=0 \
  "-XX:CompileCommand=CompileThresholdScaling,dev.convkit.core.kernels.panama.*::*,0.1" \
  -XX:+UnlockDiagnosticVMOptions "-XX:CompileCommand=PrintInlining,$k::packedRun" -XX:+PrintCompilation "$@" \
  -cp "$JAR" "$here/ConvCpuTime.java" 1 60 cnn2-c2:64:32:14:64:3:1 > "$out/$label.txt" 2>&1
echo "== $label $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
grep "kB a call" "$out/$label.txt"
grep -E "$k::packedRun " "$out/$label.txt" | sed 's/^/  jit: /'
