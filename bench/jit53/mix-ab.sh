#!/bin/bash
# mix-ab.sh BEFORE.jar AFTER.jar T WARM MEASURE ROUNDS SHAPES...: MixCpu (the bench command's conv loop in thread CPU)
# with all SHAPES in one fresh JVM a side, alternating before / after; JAVA picks the JDK (default 25). Prints the
# last shape's line (the late shape) unless ALL=1.
B=$1; A=$2; T=$3; W=$4; M=$5; R=$6; shift 6
here="$(cd "$(dirname "$0")/.." && pwd)"
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
one() { "$JAVA" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$1" "$here/jit53/MixCpu.java" \
  "$T" "$W" "$M" "${@:2}" 2>/dev/null | grep '^[0-9]t' | { if [ -n "$ALL" ]; then cat; else tail -1; fi; }; }
for r in $(seq 1 "$R"); do
  echo "# round $r $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
  one "$B" "$@" | sed "s/^/round $r before /"
  one "$A" "$@" | sed "s/^/round $r after  /"
done
