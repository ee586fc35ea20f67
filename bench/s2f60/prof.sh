#!/bin/bash
# (s2f60: bench/s2f59/prof.sh with its own class directory /tmp/s2f60/cls)
# prof.sh JAR PASS REPS OUT SHAPE...: perf samples of ONLY=PASS ConvCpuTime at one thread (JDK 25, DebugNonSafepoints)
JAR=$1; P=$2; N=$3; OUT=$4; shift 4
here="$(cd "$(dirname "$0")/.." && pwd)"
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
CLS=/tmp/s2f60/cls
[ -f $CLS/ConvCpuTime.class ] || { mkdir -p $CLS && /usr/lib/jvm/temurin-25-jdk-amd64/bin/javac --add-modules jdk.incubator.vector -cp "$JAR" -d $CLS "$here/ConvCpuTime.java" 2>/dev/null; }
ONLY=$P perf record -q -F 2000 -D ${DELAY:-12000} -o "$OUT.data" $J -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+DebugNonSafepoints $EXTRA \
  --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$JAR:$CLS" ConvCpuTime 1 "$N" "$@" 2>/dev/null | grep -v '^WARN'
perf report -i "$OUT.data" --no-children --sort sym --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' | head -30 > "$OUT.txt"
cat "$OUT.txt"
