#!/bin/bash
# box29: thread CPU (ms, fastest call, 1 thread) of every pass of SHAPES in one JVM, main's jar and this branch's
# alternating, ROUNDS rounds. usage: bench/box29/cpu.sh JAVA BEFORE AFTER ROUNDS SHAPES...
J=$1 B=$2 A=$3 R=$4; shift 4
cd "$(dirname "$0")/../.." || exit 1
for r in $(seq $R); do for side in before after; do jar=$B; [ $side = after ] && jar=$A
  CPU=1 $J --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp $jar bench/ConvCpuTime.java 1 ${REPS:-30} "$@" 2>/dev/null | grep -v "^WARN" | sed "s/^/$side r$r /"
done; done
