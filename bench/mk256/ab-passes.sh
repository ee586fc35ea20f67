#!/bin/bash
# mk256: all three passes of each shape in one JVM a side (CPU=1 ConvCpuTime, JDK 25), alternating jars for ROUNDS
# rounds (under heavy load a JVM a pass, as ab.sh runs them, did not fit the time): ab-passes.sh MAIN MINE T ROUNDS REPS SHAPES...
B=$1; A=$2; T=$3; R=$4; N=$5; shift 5
here="$(cd "$(dirname "$0")/.." && pwd)"
one() { CPU=1 /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --add-modules jdk.incubator.vector -XX:+UseParallelGC \
  -Xms2g -Xmn1g -cp "$1" "$here/ConvCpuTime.java" "$T" "$N" "${@:2}" 2>/dev/null | grep -v '^WARN'; }
for r in $(seq 1 $R); do
  uptime
  one "$B" "$@" | sed "s/^/round $r before /"
  one "$A" "$@" | sed "s/^/round $r after  /"
done
