#!/bin/bash
# dw56: prof.sh JAR OUT SHAPE [REPS]: perf profile of ONLY=fwd ConvCpuTime at one thread (JDK 25, DebugNonSafepoints,
# perf map at exit), then the symbols over 1 % of the samples into OUT.txt
JAR=$1; OUT=$2; SHAPE=$3; REPS=${4:-20000}
here="$(cd "$(dirname "$0")/.." && pwd)"
ONLY=fwd perf record -F 4000 -o "$OUT.data" -- /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector \
  -XX:+UseParallelGC -Xms2g -Xmn1g -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -XX:+DumpPerfMapAtExit \
  -cp "$JAR" "$here/ConvCpuTime.java" 1 "$REPS" "$SHAPE" 2>/dev/null | grep -v '^WARN'
perf report -i "$OUT.data" --sort symbol --stdio 2>/dev/null | grep -v '^#' | awk '$1+0 >= 0.5' | head -40 > "$OUT.txt"
cat "$OUT.txt"
