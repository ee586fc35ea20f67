#!/bin/bash
# s2b26: before/after in fresh JVMs, alternating, ROUNDS rounds: ConvCpuTime.java T REPS SHAPES (CPU=1 at T=2).
# Usage: ab.sh BEFORE_JAR AFTER_JAR T ROUNDS SHAPES...   (ONLY=scatter|wgrad passes through)
B=$1; A=$2; T=$3; ROUNDS=$4; shift 4
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for r in $(seq 1 $ROUNDS); do
  for side in before after; do
    jar=$B; [ $side = after ] && jar=$A
    CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp $jar bench/ConvCpuTime.java $T ${REPS:-20} "$@" \
        2>&1 | grep "^[0-9]t" | sed "s/^/$side /"
  done
done
