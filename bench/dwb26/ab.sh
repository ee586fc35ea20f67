#!/bin/sh
# dwb26: thread-CPU A/B of the stride-2 depthwise passes, alternating before/after in fresh JVMs.
# usage: ONLY=scatter sh bench/dwb26/ab.sh ROUNDS THREADS REPS BEFORE.jar AFTER.jar SHAPE...
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
rounds=$1; t=$2; reps=$3; before=$4; after=$5; shift 5
for r in $(seq 1 "$rounds"); do
  for side in before after; do
    jar=$before; [ "$side" = after ] && jar=$after
    echo "round $r $side"
    CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$jar" \
      bench/ConvCpuTime.java "$t" "$reps" "$@" 2>&1 | grep -E '^[0-9]t'
  done
done
