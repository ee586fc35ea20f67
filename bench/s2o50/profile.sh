#!/bin/bash
# profile.sh JAR PASS REPS OUT SHAPE: perf samples of ONLY=PASS ConvCpuTime at one thread (JDK 25, perf map dumped at
# exit; DELAY=ms: record only after that many ms, past the warm-up; EXTRA=... more JVM options, e.g. -XX:CompileCommand=dontinline,...), the hottest symbols to OUT.txt. ConvCpuTime is compiled once into /tmp/s2o50/cls so javac's samples stay out.
JAR=$1; P=$2; N=$3; OUT=$4; shift 4
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
here="$(cd "$(dirname "$0")/.." && pwd)"
CLS=/tmp/s2o50/cls
[ -f $CLS/ConvCpuTime.class ] || { mkdir -p $CLS && javac --add-modules jdk.incubator.vector -cp "$JAR" -d $CLS "$here/ConvCpuTime.java" 2>/dev/null; }
ONLY=$P perf record -q -F 3000 ${DELAY:+-D $DELAY} -o "$OUT.data" "$J" -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit $EXTRA \
  --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$JAR:$CLS" ConvCpuTime 1 "$N" "$@" 2>/dev/null | grep -v '^WARN'
perf report -i "$OUT.data" --no-children --sort sym --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' | head -40 > "$OUT.txt"
cat "$OUT.txt"
