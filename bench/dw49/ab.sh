#!/bin/bash
# dw49: bench/s2b48/ab.sh with JAVA (default Temurin 25) and a PASSES list: ONLY=PASS CPU=1 ConvCpuTime, fresh JVMs,
# all shapes in one JVM a side and pass, alternating before / after for ROUNDS rounds; each side's lines tagged.
# Usage: [JAVA=...] [PASSES="fwd scatter"] bench/dw49/ab.sh BEFORE.jar AFTER.jar T ROUNDS REPS SHAPES...
B=$1; A=$2; T=$3; R=$4; N=$5; shift 5
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
here="$(cd "$(dirname "$0")/.." && pwd)"
one() { ONLY=$P CPU=1 "$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC \
  -Xms2g -Xmn1g -cp "$1" "$here/ConvCpuTime.java" "$T" "$N" "${@:2}" 2>/dev/null | grep -v '^WARN'; }
for r in $(seq 1 $R); do
  for P in ${PASSES:-fwd scatter}; do
    one "$B" "$@" | sed "s/^/round $r before /"
    one "$A" "$@" | sed "s/^/round $r after  /"
  done
done
