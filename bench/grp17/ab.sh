#!/bin/bash
# grp17: before / after jars alternating in fresh JVMs, one JVM per shape and side, bench/ConvCpuTime.java with CPU=1.
# usage: BEFORE=jar AFTER=jar bench/grp17/ab.sh THREADS REPS ROUNDS SHAPE...   (SHAPE as ConvCpuTime takes it)
T=$1; R=$2; N=$3; shift 3
DIR=$(cd "$(dirname "$0")/../.." && pwd)
B=${BEFORE:?the before jar}
A=${AFTER:-$DIR/convkit-cli/target/convkit.jar}
for round in $(seq "$N"); do
  for s in "$@"; do
    for side in before after; do
      J=$B; [ $side = after ] && J=$A
      echo -n "r$round $side "
      CPU=1 java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp "$J" "$DIR/bench/ConvCpuTime.java" "$T" "$R" "$s" 2>/dev/null
    done
  done
  uptime
done
