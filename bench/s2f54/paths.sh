#!/bin/bash
# paths.sh JAR REPS OUT SHAPES...: S2Paths (each candidate 3x3 stride-2 forward path forced, one thread, thread CPU,
# interleaved call by call) on JDK 25, the load printed first, appended to OUT
JAR=$1; N=$2; OUT=$3; shift 3
here="$(cd "$(dirname "$0")" && pwd)"
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin
CLS=/tmp/s2f54/cls-$(basename "$JAR" .jar)
mkdir -p "$CLS"
$J/javac --release 17 --add-modules jdk.incubator.vector -cp "$JAR" -d "$CLS" "$here/src/dev/convkit/core/conv/S2Paths.java" 2>&1 | grep -v warning
echo "== $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) paths $JAR" >> "$OUT"
$J/java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$JAR:$CLS" dev.convkit.core.conv.S2Paths \
  "$N" "$@" 2>/dev/null | grep -v '^WARN' >> "$OUT"
