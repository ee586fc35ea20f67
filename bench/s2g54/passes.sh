#!/bin/bash
# s2g54: passes.sh JAR T REPS SHAPES...: each backward pass (ONLY=scatter, then ONLY=wgrad) of every shape, one fresh
# JVM a pass, CPU=1 (thread CPU at T = 1; summed CPU and busiest thread at T = 2), JDK 25; the load printed first
JAR=$1; T=$2; N=$3; shift 3
here="$(cd "$(dirname "$0")/.." && pwd)"
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
echo "# $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg) jar $JAR T $T"
for P in scatter wgrad; do
  ONLY=$P CPU=1 $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$JAR" \
    "$here/ConvCpuTime.java" "$T" "$N" "$@" 2>/dev/null | grep -v '^WARN'
done
