#!/bin/bash
# g32-30: alloc.sh JAVA JAR OUT: bench/stop45/alloc.sh over bench/g32-30/alloc-shapes.txt (each shape fresh, then
# all in one JVM), then all in one JVM in the reverse order; -Xbatch, ALLOC=1, 60 calls a pass.
J=$1; JAR=$2; OUT=$3
here="$(cd "$(dirname "$0")/.." && pwd)"
S=$(cat "$here/g32-30/alloc-shapes.txt")
R=$(echo "$S" | tac)
{ bash "$here/stop45/alloc.sh" "$J" "$JAR" $S
  ALLOC=1 "$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -Xbatch -cp "$JAR" \
    "$here/ConvCpuTime.java" 1 60 $R 2>/dev/null | grep -v "^WARN" | sed "s/^/reversed /"; } > "$OUT"
