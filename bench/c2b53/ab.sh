#!/bin/bash
# ab.sh BEFORE.jar AFTER.jar T PASS ROUNDS REPS SHAPES...: bench/s2b48/ab.sh with JAVA (default JDK 25) and each
# round's load average: ONLY=PASS CPU=1 ConvCpuTime in fresh JVMs, all shapes in one JVM a side, alternating
B=$1; A=$2; T=$3; P=$4; R=$5; N=$6; shift 6
here="$(cd "$(dirname "$0")/.." && pwd)"
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
one() { ONLY=$P CPU=1 $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC \
  -Xms2g -Xmn1g -cp "$1" "$here/ConvCpuTime.java" "$T" "$N" "${@:2}" 2>/dev/null | grep -v '^WARN'; }
for r in $(seq 1 $R); do
  echo "# round $r $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
  one "$B" "$@" | sed "s/^/round $r before /"
  one "$A" "$@" | sed "s/^/round $r after  /"
done
