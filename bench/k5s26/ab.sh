#!/bin/bash
# k5s26: fresh JVMs alternating before / after, ROUNDS rounds each side; thread CPU (CPU=1) at T threads.
# Usage: bench/k5s26/ab.sh BEFORE_JAR AFTER_JAR T ROUNDS SHAPES...   (env ONLY=fwd|scatter|wgrad passes through)
B=$1; A=$2; T=$3; R=$4; shift 4
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for r in $(seq 1 $R); do
  for side in before after; do
    jar=$B; [ $side = after ] && jar=$A
    CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp $jar bench/ConvCpuTime.java $T 30 "$@" 2>/dev/null \
      | grep "^${T}t" | sed "s/^/$side r$r /"
  done
done
