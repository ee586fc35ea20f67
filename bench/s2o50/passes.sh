#!/bin/bash
# passes.sh JAR T REPS OUT SHAPES...: each pass alone (ONLY=fwd, scatter, wgrad; CPU=1) of every shape in one fresh JDK 25
# JVM a pass, the load printed first, appended to OUT
JAR=$1; T=$2; N=$3; OUT=$4; shift 4
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
here="$(cd "$(dirname "$0")/.." && pwd)"
for P in fwd scatter wgrad; do
  echo "== $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) $JAR $P T=$T" >> "$OUT"
  ONLY=$P CPU=1 "$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$JAR" \
    "$here/ConvCpuTime.java" "$T" "$N" "$@" 2>/dev/null | grep -v '^WARN' >> "$OUT"
done
