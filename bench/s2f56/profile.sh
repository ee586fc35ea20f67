#!/bin/bash
# profile.sh JAR PASS REPS OUT SHAPE...: bench/s2o50/profile.sh with its own class directory (/tmp/s2f56/cls) and
# -XX:+DebugNonSafepoints: perf samples of ONLY=PASS ConvCpuTime at one thread past DELAY ms (default 15000), JDK 25;
# EXTRA=... more JVM options (e.g. -Ds2f56.group=2). The hottest symbols to OUT.txt.
JAR=$1; P=$2; N=$3; OUT=$4; shift 4
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
here="$(cd "$(dirname "$0")/.." && pwd)"
CLS=${CLS:-/tmp/s2f56/cls}
[ -f $CLS/ConvCpuTime.class ] || { mkdir -p $CLS && /usr/lib/jvm/temurin-25-jdk-amd64/bin/javac --add-modules jdk.incubator.vector -cp "$JAR" -d $CLS "$here/ConvCpuTime.java" 2>/dev/null; }
ONLY=$P perf record -q -F 3000 -D ${DELAY:-15000} -o "$OUT.data" "$J" -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+DebugNonSafepoints $EXTRA \
  --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$JAR:$CLS" ConvCpuTime 1 "$N" "$@" 2>/dev/null | grep -v '^WARN'
perf report -i "$OUT.data" --no-children --sort sym --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' | head -40 > "$OUT.txt"
cat "$OUT.txt"
