#!/bin/bash
# ab.sh BEFORE.jar AFTER.jar T PASS ROUNDS REPS SHAPES...: ONLY=PASS CPU=1 ConvCpuTime (JDK 25), fresh JVMs, all shapes
# in one JVM a side, alternating before / after for ROUNDS rounds; prints each side's lines tagged
B=$1; A=$2; T=$3; P=$4; R=$5; N=$6; shift 6
here="$(cd "$(dirname "$0")/.." && pwd)"; JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
one() { ONLY=$P CPU=1 $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC \
  -Xms2g -Xmn1g -cp "$1" "$here/ConvCpuTime.java" "$T" "$N" "${@:2}" 2>/dev/null | grep -v '^WARN'; }
for r in $(seq 1 $R); do
  one "$B" "$@" | sed "s/^/round $r before /"
  one "$A" "$@" | sed "s/^/round $r after  /"
done
