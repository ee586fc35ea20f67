#!/usr/bin/env bash
# dw30: before/after in fresh JVMs, alternating, ROUNDS rounds: ONLY=$PASS ConvCpuTime.java T REPS SHAPES (thread CPU at
# T = 1; CPU=1's summed / busiest-thread CPU at T > 1). Usage: PASS=fwd bench/dw30/ab.sh BEFORE.jar AFTER.jar T REPS ROUNDS SHAPE...
set -u
before=$1 after=$2 t=$3 reps=$4 rounds=$5; shift 5
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
for r in $(seq "$rounds"); do
  for side in before after; do
    jar=$before; [ $side = after ] && jar=$after
    for s in "$@"; do
      ONLY=${PASS:-fwd} CPU=1 "$java" --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$jar" \
        bench/ConvCpuTime.java "$t" "$reps" "$s" 2>/dev/null | sed "s/^/r$r $side /"
    done
  done
done
