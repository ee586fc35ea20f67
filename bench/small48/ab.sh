#!/bin/bash
# small48: main's jar against this branch's, forward thread CPU at one thread, fresh JVMs alternating, ROUNDS rounds.
# Usage: bench/small48/ab.sh BEFORE_JAR AFTER_JAR ROUNDS REPS SHAPES...   (JAVA= to pick the JDK; THREADS= default 1)
B=$1; A=$2; R=$3; N=$4; shift 4
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
for r in $(seq 1 $R); do
  for side in before after; do
    jar=$B; [ $side = after ] && jar=$A
    ONLY=fwd CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp $jar \
        bench/ConvCpuTime.java ${THREADS:-1} $N "$@" 2>/dev/null | grep -E "fwd" | sed "s/^/r$r $side /"
  done
done
