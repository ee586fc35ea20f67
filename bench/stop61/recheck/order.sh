#!/bin/bash
# order.sh BEFORE.jar AFTER.jar T ROUNDS REPS SHAPES...: ConvCpuTime, all three passes a shape, the shapes in the order
# given in one JVM a side (as the bench's JVM meets them), alternating fresh JVMs before / after for ROUNDS rounds (JDK 25)
B=$1; A=$2; T=$3; R=$4; N=$5; shift 5
here="$(cd "$(dirname "$0")/../.." && pwd)"
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
one() { $JAVA --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$1" "$here/ConvCpuTime.java" "$T" "$N" "${@:2}" 2>/dev/null | grep -v '^WARN'; }
for r in $(seq 1 $R); do
  one "$B" "$@" | sed "s/^/round $r before /"
  one "$A" "$@" | sed "s/^/round $r after  /"
done
