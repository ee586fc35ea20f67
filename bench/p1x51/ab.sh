#!/bin/bash
# ab.sh BEFORE.jar AFTER.jar T PASS ROUNDS REPS SHAPES...: s2b48/ab.sh with JAVA (default JDK 25) settable:
# ONLY=PASS CPU=1 ConvCpuTime, fresh JVMs, all shapes in one JVM a side, alternating before / after
B=$1; A=$2; T=$3; P=$4; R=$5; N=$6; shift 6
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
here="$(cd "$(dirname "$0")/.." && pwd)"
one() { ONLY=$P CPU=1 "$JAVA" --add-modules jdk.incubator.vector -XX:+UseParallelGC \
  -Xms2g -Xmn1g -cp "$1" "$here/ConvCpuTime.java" "$T" "$N" "${@:2}" 2>/dev/null | grep -v '^WARN'; }
for r in $(seq 1 $R); do
  echo "round $r load $(cut -d' ' -f1-3 /proc/loadavg) $(date -u +%H:%M:%S)"
  one "$B" "$@" | sed "s/^/round $r before /"
  one "$A" "$@" | sed "s/^/round $r after  /"
done
