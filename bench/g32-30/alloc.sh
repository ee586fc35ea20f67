#!/bin/bash
# g32-30: alloc.sh JAVA JAR OUT: ALLOC=1 (-Xbatch, 60 calls a pass): each shape of bench/g32-30/alloc-fresh.txt (the
# shapes moved to the lanes form: focus-46's 20-64-a-group ones, two of the suite's, the held-out ones) first in a
# fresh JVM, then all 27 grouped shapes of bench/g32-30/alloc-shapes.txt (focus-46's 17 and mine) in one JVM, in that
# order and reversed.
J=$1; JAR=$2; OUT=$3
here="$(cd "$(dirname "$0")/.." && pwd)"
run() { ALLOC=1 "$J" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -Xbatch -cp "$JAR" \
  "$here/ConvCpuTime.java" 1 60 "$@" 2>/dev/null | grep -v "^WARN"; }
S=$(cat "$here/g32-30/alloc-shapes.txt")
{ for s in $(cat "$here/g32-30/alloc-fresh.txt"); do run "$s" | sed "s/^/fresh /"; done
  run $S | sed "s/^/onejvm /"
  run $(echo "$S" | tac) | sed "s/^/reversed /"; } > "$OUT"
